import { canSee, tableAllows, type Sighting, type SightingInput, type User } from '@streetchief/shared';
import { attachPhotos } from '../commands/photos.ts';
import { conflict, forbidden, notFound } from '../http/errors.ts';
import { getIncident } from '../store/incidentRepo.ts';
import { getSighting, insertSighting } from './sightingRepo.ts';
import type { FieldContext } from './fieldContext.ts';

/**
 * "I saw this too": instead of a duplicate report, a reporter attaches a note and photos to an open
 * case. Not a workflow step (the case does not change, so no event and no version bump); the
 * photos are linked to the case, so they are served to whoever may see it.
 */
export async function recordSighting(
  ctx: FieldContext,
  props: { user: User; incidentId: string; body: SightingInput },
): Promise<{ sighting: Sighting; created: boolean }> {
  const { user, incidentId, body } = props;
  if (!tableAllows(null, 'report', user.role)) throw forbidden(`role ${user.role} may not report`);
  return ctx.store.transaction(async (trx) => {
    const existing = await getSighting(trx, body.id);
    if (existing) {
      if (existing.userId !== user.id || existing.incidentId !== incidentId) throw conflict('this sighting id is taken');
      return { sighting: existing, created: false };
    }
    const incident = await getIncident(trx, incidentId);
    if (!incident || !canSee(user, incident)) throw notFound(`no case ${incidentId}`);
    const sighting: Sighting = {
      id: body.id,
      incidentId,
      userId: user.id,
      userName: user.displayName,
      at: ctx.now().toISOString(),
      note: body.note,
      lng: body.lng ?? null,
      lat: body.lat ?? null,
      photoIds: body.photoIds,
    };
    await insertSighting(trx, sighting);
    await attachPhotos(ctx, trx, user, incidentId, body.photoIds);
    return { sighting, created: true };
  });
}

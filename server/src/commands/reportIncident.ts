import {
  canSee,
  reportIncident as newIncident,
  reportSource,
  tableAllows,
  type CreateIncident,
  type Incident,
  type User,
} from '@streetchief/shared';
import { appendEvents } from '../store/eventLog.ts';
import { getIncident, insertIncident } from '../store/incidentRepo.ts';
import { badRequest, conflict, forbidden } from '../http/errors.ts';
import { actorOf, type CommandContext } from './context.ts';
import { attachPhotos } from './photos.ts';

/**
 * Record a reported problem. The client makes the id, so a phone that retries after a lost
 * answer gets the case it already created instead of a second one.
 */
export async function reportIncident(
  ctx: CommandContext,
  props: { user: User; body: CreateIncident },
): Promise<{ incident: Incident; created: boolean }> {
  const { user } = props;
  if (!tableAllows(null, 'report', user.role)) throw forbidden(`role ${user.role} may not report`);
  // The source is the server's: a patrol's report is a patrol find whatever the client claims.
  const source = reportSource(user.role, props.body.source);
  if (!source) throw forbidden(`role ${user.role} may not report`);
  const body = { ...props.body, source };
  const cls = ctx.ref.classes.get(body.category);
  if (!cls) throw badRequest('category', `unknown case class ${body.category}`);
  const where = ctx.ref.locate(body.lng, body.lat);
  if (!where) throw badRequest('lng', `point (${body.lng}, ${body.lat}) is outside the district`);

  const now = ctx.now();
  const { incident, event } = newIncident(body, where, cls, user.id, ctx.ref.transition(actorOf(user), now));
  const result = await ctx.store.transaction(async (trx) => {
    if (!(await insertIncident(trx, incident))) return { existing: await getIncident(trx, body.id) };
    await attachPhotos(ctx, trx, user, incident.id, body.photoIds);
    return { events: await appendEvents(trx, [event]) };
  });
  if ('existing' in result) {
    const existing = result.existing;
    if (!existing || !canSee(user, existing)) throw conflict('this id belongs to another case');
    return { incident: existing, created: false };
  }
  ctx.publish(result.events);
  return { incident, created: true };
}

import {
  canSee,
  reportIncident as newIncident,
  reportSource,
  tableAllows,
  type Actor,
  type CreateIncident,
  type Incident,
  type IncidentEvent,
  type User,
} from '@streetchief/shared';
import type { Transaction } from 'kysely';
import { dayOf } from '@streetchief/shared/calendar/day';
import { appendEvents } from '../store/eventLog.ts';
import { getIncident, insertIncident, nextCaseNo } from '../store/incidentRepo.ts';
import { findPossibleDuplicates } from '../store/duplicateRepo.ts';
import { badRequest, conflict, forbidden } from '../http/errors.ts';
import type { DB } from '../store/schema.ts';
import { actorOf, type CommandContext } from './context.ts';
import { attachPhotos } from './photos.ts';

/**
 * Record a reported problem. The client makes the id, so a phone that retries after a lost
 * answer gets the case it already created instead of a second one.
 *
 * An intake channel (Open311) reports through a stand-in `user` for the checks and names itself
 * as the event's `actor`; `alsoWrite` adds its own rows in the report's transaction, so they
 * commit with the case or not at all.
 */
export async function reportIncident(
  ctx: CommandContext,
  props: { user: User; body: CreateIncident; actor?: Actor; alsoWrite?: (trx: Transaction<DB>, incident: Incident) => Promise<void> },
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
  // A retry of a report already stored takes no number: it answers with the case and its number.
  const stored = await getIncident(ctx.store.db, body.id);
  if (stored) return { incident: existingFor(user, stored), created: false };
  let result: { incident: Incident; events: IncidentEvent[] };
  try {
    result = await ctx.store.transaction(async (trx) => {
      // The number comes from the year's counter row in this transaction, so it commits with the
      // case or not at all: numbers are consecutive, and a refused report leaves no hole.
      const caseNo = await nextCaseNo(trx, Number(dayOf(now).slice(0, 4)));
      // Likely duplicates (same class, near, recent; the reporter's own too) go on the case, for the
      // phone's answer and the desk; read in this transaction, so a case committed before it counts.
      const duplicates = await findPossibleDuplicates(
        trx,
        { category: cls.code, lng: body.lng, lat: body.lat, at: now },
        { reportId: body.id, reporterId: user.id },
      );
      const made = newIncident(body, where, cls, user.id, ctx.ref.transition(props.actor ?? actorOf(user), now), caseNo, duplicates);
      if (!(await insertIncident(trx, made.incident))) throw new AlreadyReported();
      await props.alsoWrite?.(trx, made.incident);
      await attachPhotos(ctx, trx, user, made.incident.id, body.photoIds);
      return { incident: made.incident, events: await appendEvents(trx, [made.event]) };
    });
  } catch (err) {
    // The same id committed by a concurrent retry between the look above and the insert: roll
    // back (giving the number back) and answer with the stored case.
    if (!(err instanceof AlreadyReported)) throw err;
    return { incident: existingFor(user, await getIncident(ctx.store.db, body.id)), created: false };
  }
  ctx.publish(result.events);
  return { incident: result.incident, created: true };
}

/** Thrown inside the report's transaction when its id is taken, so the transaction rolls back. */
class AlreadyReported extends Error {}

/** The stored case a retry answers with; a 409 when the id is someone else's case. */
function existingFor(user: User, existing: Incident | null): Incident {
  if (!existing || !canSee(user, existing)) throw conflict('this id belongs to another case');
  return existing;
}

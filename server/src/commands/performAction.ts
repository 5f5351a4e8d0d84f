import { applyAction, canSee, checkAction, photosOf, type ActionBody, type Incident, type User } from '@streetchief/shared';
import { appendEvents } from '../store/eventLog.ts';
import { getIncident, updateIncident } from '../store/incidentRepo.ts';
import { badRequest, conflict, HttpError, notFound } from '../http/errors.ts';
import { actorOf, type CommandContext } from './context.ts';
import { requireChecker } from './checkers.ts';
import { attachPhotos } from './photos.ts';

/**
 * One workflow action on one case, in one transaction: check the table, scope and guards, check
 * the version the user saw, write the case and its event together.
 */
export async function performAction(ctx: CommandContext, props: { user: User; id: string; body: ActionBody }): Promise<Incident> {
  const { user, id, body } = props;
  const result = await ctx.store.transaction(async (trx) => {
    const current = await getIncident(trx, id);
    // A case the user may not see answers exactly like a missing one: a 403 would tell a stranger
    // that the id exists. One they see but may not act on gets the 403 below (that tells nothing).
    if (!current || !canSee(user, current)) throw notFound(`no case ${id}`);
    const refusal = checkAction(user, current, body.type, ctx.now());
    if (refusal) throw new HttpError(refusal.status, { error: refusal.status === 403 ? 'forbidden' : 'conflict', reason: refusal.reason });
    if (current.version !== body.expectedVersion) {
      throw conflict(`stale version: the case is at version ${current.version}`, { version: current.version });
    }
    if (body.type === 'dispatch') {
      for (const d of [body.leadDept, ...body.assistDepts])
        if (!ctx.ref.departments.has(d)) throw badRequest('leadDept', `unknown department ${d}`);
    }
    if (body.type === 'assign_check') await requireChecker(trx, body.checkerId);
    checkTimes(body, current, ctx.now());
    const cls = ctx.ref.classes.get(current.categoryCode);
    if (!cls) throw conflict(`case class ${current.categoryCode} no longer exists`);
    const { incident, event } = applyAction(current, body, cls, ctx.ref.transition(actorOf(user), ctx.now()));
    if (!(await updateIncident(trx, incident, body.expectedVersion))) throw conflict('stale version: changed concurrently');
    const attached = photosOf(body);
    if (attached) await attachPhotos(ctx, trx, user, id, attached.ids);
    return { incident, events: await appendEvents(trx, [event]) };
  });
  ctx.publish(result.events);
  return result.incident;
}

/** Deadlines a user sets must lie ahead: a meeting's new deadline, an extension's new date. */
function checkTimes(body: ActionBody, current: Incident, now: Date): void {
  if (body.type === 'decide' && body.deadline && Date.parse(body.deadline) <= now.getTime()) {
    throw badRequest('deadline', 'the new deadline must be in the future');
  }
  if (body.type === 'request_extension') {
    const floor = Math.max(now.getTime(), current.deadline ? Date.parse(current.deadline) : 0);
    if (Date.parse(body.until) <= floor) throw badRequest('until', 'an extension must end after the current deadline and in the future');
  }
}

import type { Patrol, TrackPoint } from '@streetchief/shared';
import type { Fix } from '@streetchief/shared/field/index';
import type { Executor } from '../store/store.ts';

/**
 * Patrols and their track points. A patrol row keeps queryable columns plus the whole record as
 * JSON (like cases); points are one row each, keyed by (patrol, instant), so re-sending a batch
 * inserts nothing twice.
 */

function toRow(p: Patrol) {
  return {
    id: p.id,
    user_id: p.userId,
    day: p.day,
    status: p.status,
    started_at: p.startedAt,
    updated_at: p.updatedAt,
    data: JSON.stringify(p),
  };
}

/** Insert a new patrol; false when the id exists already (a retried start). */
export async function insertPatrol(ex: Executor, p: Patrol): Promise<boolean> {
  const res = await ex
    .insertInto('patrols')
    .values(toRow(p))
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function updatePatrol(ex: Executor, p: Patrol): Promise<void> {
  const { id: _id, ...row } = toRow(p);
  await ex.updateTable('patrols').set(row).where('id', '=', p.id).execute();
}

export async function getPatrol(ex: Executor, id: string): Promise<Patrol | null> {
  const row = await ex.selectFrom('patrols').select('data').where('id', '=', id).executeTakeFirst();
  return row ? (JSON.parse(row.data) as Patrol) : null;
}

/** The user's patrols that are not finished (active or paused). */
export async function openPatrolsOf(ex: Executor, userId: string): Promise<Patrol[]> {
  const rows = await ex
    .selectFrom('patrols')
    .select('data')
    .where('user_id', '=', userId)
    .where('status', '!=', 'finished')
    .orderBy('started_at')
    .execute();
  return rows.map((r) => JSON.parse(r.data) as Patrol);
}

/** Patrols of a calendar day (all users, or one), oldest first. */
export async function patrolsOfDay(ex: Executor, day: string, userId?: string): Promise<Patrol[]> {
  let q = ex.selectFrom('patrols').select('data').where('day', '=', day);
  if (userId) q = q.where('user_id', '=', userId);
  const rows = await q.orderBy('started_at').orderBy('id').execute();
  return rows.map((r) => JSON.parse(r.data) as Patrol);
}

/** Insert points, skipping ones already stored; returns how many were new. */
export async function insertPoints(ex: Executor, patrolId: string, points: readonly TrackPoint[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < points.length; i += 200) {
    const res = await ex
      .insertInto('patrol_points')
      .values(
        points.slice(i, i + 200).map((p) => ({
          patrol_id: patrolId,
          t: p.t,
          lng: p.lng,
          lat: p.lat,
          acc: p.acc ?? null,
        })),
      )
      .onConflict((oc) => oc.columns(['patrol_id', 't']).doNothing())
      .executeTakeFirst();
    inserted += Number(res.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

export async function countPoints(ex: Executor, patrolId: string): Promise<number> {
  const row = await ex
    .selectFrom('patrol_points')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('patrol_id', '=', patrolId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A patrol's points in time order, as fixes (`t` in ms). */
export async function pointsOf(ex: Executor, patrolId: string): Promise<Fix[]> {
  const rows = await ex
    .selectFrom('patrol_points')
    .select(['t', 'lng', 'lat', 'acc'])
    .where('patrol_id', '=', patrolId)
    .orderBy('t')
    .execute();
  return rows.map((r) => ({ t: Date.parse(r.t), lng: Number(r.lng), lat: Number(r.lat), acc: r.acc === null ? undefined : Number(r.acc) }));
}

/** Points of several patrols at once (the wall's track layer), grouped by patrol, in time order. */
export async function pointsOfPatrols(ex: Executor, patrolIds: readonly string[]): Promise<Map<string, Fix[]>> {
  const out = new Map<string, Fix[]>(patrolIds.map((id) => [id, []]));
  for (let i = 0; i < patrolIds.length; i += 100) {
    const rows = await ex
      .selectFrom('patrol_points')
      .select(['patrol_id', 't', 'lng', 'lat'])
      .where('patrol_id', 'in', patrolIds.slice(i, i + 100))
      .orderBy('patrol_id')
      .orderBy('t')
      .execute();
    for (const r of rows) out.get(r.patrol_id)?.push({ t: Date.parse(r.t), lng: Number(r.lng), lat: Number(r.lat) });
  }
  return out;
}

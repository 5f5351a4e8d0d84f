import {
  MAX_POINTS_PER_PATROL,
  PATROL_ROLES,
  type Patrol,
  type PatrolAction,
  type PatrolPosition,
  type StartPatrol,
  type TrackPoint,
  type User,
} from '@streetchief/shared';
import { DEFAULT_CROSSING, dayOf, gridsCrossed, trackLengthM, type Fix } from '@streetchief/shared/field/index';
import { badRequest, conflict, forbidden, notFound } from '../http/errors.ts';
import type { Executor } from '../store/store.ts';
import { gridLocator, type FieldContext } from './fieldContext.ts';
import { countPoints, getPatrol, insertPatrol, insertPoints, openPatrolsOf, pointsOf, updatePatrol } from './patrolRepo.ts';

const iso = (t: string | number | Date) => new Date(t).toISOString();

function mayPatrol(user: User): void {
  if (!(PATROL_ROLES as readonly string[]).includes(user.role)) throw forbidden(`role ${user.role} does not patrol`);
}

async function ownPatrol(ex: Executor, user: User, id: string): Promise<Patrol> {
  const p = await getPatrol(ex, id);
  // Someone else's patrol answers like a missing one: its existence is none of this user's business.
  if (!p || p.userId !== user.id) throw notFound(`no patrol ${id}`);
  return p;
}

/** The live position of a patrol, from its last fix (null before the first fix). */
export function positionOf(ctx: FieldContext, p: Patrol): PatrolPosition | null {
  if (!p.last) return null;
  const streetCode = p.last.gridCode ? (ctx.ref.grid(p.last.gridCode)?.streetCode ?? null) : null;
  return {
    patrolId: p.id,
    userId: p.userId,
    name: p.userName,
    status: p.status,
    lng: p.last.lng,
    lat: p.last.lat,
    at: p.last.at,
    gridCode: p.last.gridCode,
    streetCode,
  };
}

/** Recompute what a patrol's points say: count, distance, grids crossed, last fix. */
function withTrack(ctx: FieldContext, p: Patrol, points: Fix[], now: Date): Patrol {
  const last = points.at(-1);
  return {
    ...p,
    pointCount: points.length,
    distanceM: Math.round(trackLengthM(points, DEFAULT_CROSSING.maxGapMs)),
    gridCodes: gridsCrossed(points, gridLocator(ctx)).map((v) => v.code),
    last: last ? { lng: last.lng, lat: last.lat, at: iso(last.t), gridCode: ctx.ref.locate(last.lng, last.lat)?.gridCode ?? null } : null,
    updatedAt: now.toISOString(),
  };
}

function finish(p: Patrol, at: string, now: Date): Patrol {
  const end = iso(Math.max(Date.parse(p.startedAt), Date.parse(at)));
  return {
    ...p,
    status: 'finished',
    endedAt: end,
    pauses: p.pauses.map((x) => (x.to === null ? { ...x, to: end } : x)),
    updatedAt: now.toISOString(),
  };
}

/**
 * Start a patrol under the phone's id. The same id again returns the patrol (a retry). Any other
 * patrol of the user still open is finished at its last fix: a phone that lost its state must not
 * leave a patrol running forever.
 */
export async function startPatrol(
  ctx: FieldContext,
  props: { user: User; body: StartPatrol },
): Promise<{ patrol: Patrol; created: boolean }> {
  const { user, body } = props;
  mayPatrol(user);
  const now = ctx.now();
  // A phone's clock may run ahead; a start cannot be later than its arrival.
  const startedAt = iso(Math.min(Date.parse(body.at), now.getTime()));
  const result = await ctx.store.transaction(async (trx) => {
    const existing = await getPatrol(trx, body.id);
    if (existing) {
      if (existing.userId !== user.id) throw conflict('this patrol id is taken');
      return { patrol: existing, created: false, closed: [] as Patrol[] };
    }
    const closed: Patrol[] = [];
    for (const open of await openPatrolsOf(trx, user.id)) {
      const done = finish(open, open.last?.at ?? startedAt, now);
      await updatePatrol(trx, done);
      closed.push(done);
    }
    const patrol: Patrol = {
      id: body.id,
      userId: user.id,
      userName: user.displayName,
      status: 'active',
      day: dayOf(startedAt),
      startedAt,
      endedAt: null,
      pauses: [],
      pointCount: 0,
      distanceM: 0,
      gridCodes: [],
      last: null,
      updatedAt: now.toISOString(),
    };
    await insertPatrol(trx, patrol);
    return { patrol, created: true, closed };
  });
  publish(ctx, result.closed);
  return { patrol: result.patrol, created: result.created };
}

/**
 * Store a batch of track points. Points already stored (same patrol, same instant) are skipped, so
 * a batch sent twice is stored once. The patrol's grids, distance and last fix are recomputed from
 * all its points (batches may arrive out of order after a long time offline), and the newest
 * position goes to the walls.
 */
export async function uploadTrack(
  ctx: FieldContext,
  props: { user: User; id: string; points: readonly TrackPoint[] },
): Promise<{ patrol: Patrol; accepted: number; duplicates: number }> {
  const { user, id } = props;
  const now = ctx.now();
  const byInstant = new Map<string, TrackPoint>();
  for (const p of props.points) byInstant.set(iso(p.t), { ...p, t: iso(p.t) });
  const points = [...byInstant.values()];
  const result = await ctx.store.transaction(async (trx) => {
    const patrol = await ownPatrol(trx, user, id);
    if ((await countPoints(trx, id)) + points.length > MAX_POINTS_PER_PATROL)
      throw badRequest('points', `a patrol keeps at most ${MAX_POINTS_PER_PATROL} points: start a new patrol`);
    const accepted = await insertPoints(trx, id, points);
    if (accepted === 0) return { patrol, accepted };
    const next = withTrack(ctx, patrol, await pointsOf(trx, id), now);
    await updatePatrol(trx, next);
    return { patrol: next, accepted };
  });
  if (result.accepted > 0) publish(ctx, [result.patrol]);
  return { ...result, duplicates: props.points.length - result.accepted };
}

/** Pause, resume or finish. Repeating an action is harmless (the outbox may send it twice). */
export async function patrolAction(ctx: FieldContext, props: { user: User; id: string; body: PatrolAction }): Promise<Patrol> {
  const { user, id, body } = props;
  const now = ctx.now();
  const at = iso(Math.min(Date.parse(body.at), now.getTime()));
  const result = await ctx.store.transaction(async (trx) => {
    const p = await ownPatrol(trx, user, id);
    let next: Patrol | null = null;
    switch (body.type) {
      case 'pause':
        if (p.status === 'finished') throw conflict('the patrol is finished');
        if (p.status === 'active')
          next = { ...p, status: 'paused', pauses: [...p.pauses, { from: at, to: null }], updatedAt: now.toISOString() };
        break;
      case 'resume':
        if (p.status === 'finished') throw conflict('the patrol is finished');
        if (p.status === 'paused')
          next = {
            ...p,
            status: 'active',
            pauses: p.pauses.map((x) => (x.to === null ? { ...x, to: at } : x)),
            updatedAt: now.toISOString(),
          };
        break;
      case 'finish':
        if (p.status !== 'finished') next = finish(p, at, now);
        break;
    }
    if (next) await updatePatrol(trx, next);
    return { patrol: next ?? p, changed: !!next };
  });
  if (result.changed) publish(ctx, [result.patrol]);
  return result.patrol;
}

function publish(ctx: FieldContext, patrols: readonly Patrol[]): void {
  const positions = patrols.map((p) => positionOf(ctx, p)).filter((x): x is PatrolPosition => x !== null);
  if (positions.length) ctx.publishPositions?.(positions);
}

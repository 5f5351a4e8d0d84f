import type { Patrol, PatrolPosition, User } from '@streetchief/shared';
import { DEFAULT_CROSSING, simplifyLine, type Fix } from '@streetchief/shared/field/index';
import { canSeePatrol, type FieldContext } from './fieldContext.ts';
import { positionOf } from './patrolCommands.ts';
import { patrolsOfDay, pointsOfPatrols } from './patrolRepo.ts';

/** Tracks are simplified to this tolerance for drawing: a wall cannot show a 5 m wiggle. */
const DRAW_TOLERANCE_M = 5;

export interface PatrolTrack {
  patrolId: string;
  userId: string;
  name: string;
  status: Patrol['status'];
  /** One line per stretch without a long gap (pauses and lost signal break the line). */
  lines: [number, number][][];
}

export interface PatrolOverview {
  day: string;
  patrols: Patrol[];
  positions: PatrolPosition[];
  tracks: PatrolTrack[];
  /** Grids any patrol crossed that day (not personal: every signed-in user sees coverage). */
  patrolledGrids: string[];
  totalGrids: number;
}

/** Split a track where two fixes are further apart in time than a gap, then simplify each stretch. */
export function drawableLines(points: readonly Fix[], maxGapMs = DEFAULT_CROSSING.maxGapMs): [number, number][][] {
  const lines: [number, number][][] = [];
  let current: [number, number][] = [];
  points.forEach((p, i) => {
    if (i > 0 && p.t - points[i - 1]!.t > maxGapMs) {
      lines.push(current);
      current = [];
    }
    current.push([p.lng, p.lat]);
  });
  lines.push(current);
  return lines.filter((l) => l.length >= 2).map((l) => simplifyLine(l, DRAW_TOLERANCE_M));
}

/** A day's patrols as a user may see them: positions, tracks and the coverage of the district. */
export async function patrolOverview(ctx: FieldContext, user: User, day: string): Promise<PatrolOverview> {
  const all = await patrolsOfDay(ctx.store.db, day);
  const visible = all.filter((p) => canSeePatrol(ctx, user, p));
  const points = await pointsOfPatrols(
    ctx.store.db,
    visible.map((p) => p.id),
  );
  const patrolled = new Set<string>();
  for (const p of all) for (const g of p.gridCodes) patrolled.add(g);
  return {
    day,
    patrols: visible,
    positions: visible
      .filter((p) => p.status !== 'finished')
      .map((p) => positionOf(ctx, p))
      .filter((x): x is PatrolPosition => x !== null),
    tracks: visible.map((p) => ({
      patrolId: p.id,
      userId: p.userId,
      name: p.userName,
      status: p.status,
      lines: drawableLines(points.get(p.id) ?? []),
    })),
    patrolledGrids: [...patrolled].sort(),
    totalGrids: ctx.ref.grids.length,
  };
}

import type { PatrolPosition, User } from '@streetchief/shared';
import { DISTRICT_WIDE_ROLES } from '@streetchief/shared';
import type { PointLocator } from '@streetchief/shared/field/index';
import type { CommandContext } from '../commands/context.ts';

/** What field commands need: the command context, plus where live positions go (the broadcaster). */
export type FieldContext = CommandContext & { publishPositions?: (positions: readonly PatrolPosition[]) => void };

/** Point → grid code through the server's reference data, for the shared crossing helper. */
export function gridLocator(ctx: CommandContext): PointLocator {
  return { locate: (lng, lat) => ctx.ref.locate(lng, lat)?.gridCode ?? null };
}

/**
 * May `user` see a patrol (its track, its position) that crossed `gridCodes`? Mirrors the case
 * rooms: district-wide desks see all, a street chief their street, grid staff and patrols their
 * grids, everyone their own.
 */
export function canSeePatrol(ctx: CommandContext, user: User, p: { userId: string; gridCodes: readonly string[] }): boolean {
  if (DISTRICT_WIDE_ROLES.includes(user.role) || p.userId === user.id) return true;
  if (user.role === 'street_chief' && user.streetCode) return p.gridCodes.some((g) => ctx.ref.grid(g)?.streetCode === user.streetCode);
  return p.gridCodes.some((g) => user.gridCodes.includes(g));
}

/** Grid codes a user may see field data (positions, filings) for; `null` means all. */
export function visibleGrids(ctx: CommandContext, user: User): Set<string> | null {
  if (DISTRICT_WIDE_ROLES.includes(user.role)) return null;
  if (user.role === 'street_chief' && user.streetCode)
    return new Set(ctx.ref.grids.filter((g) => g.streetCode === user.streetCode).map((g) => g.code));
  return new Set(user.gridCodes);
}

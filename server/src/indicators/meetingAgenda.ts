import { scopeOf, type User } from '@streetchief/shared';
import { buildAgenda, type Agenda } from '@streetchief/shared/indicators/agenda';
import type { CommandContext } from '../commands/context.ts';
import { listIncidents } from '../store/incidentRepo.ts';
import { DEFAULT_PERIOD_PRESET, presetPeriod } from '@streetchief/shared/calendar/presets';
import { computeStats } from './service.ts';

/**
 * The joint meeting's agenda for a user: their open cases that need the meeting, and the worst
 * departments and grids of the period (default: the screens' default period, this month to date,
 * so the meeting's figures are those the wall and /public show).
 */
export async function meetingAgenda(
  ctx: CommandContext,
  user: User,
  period?: { from: string; to: string },
): Promise<Agenda & { from: string; to: string }> {
  const now = ctx.now();
  const p = period ?? presetPeriod(DEFAULT_PERIOD_PRESET, now);
  // Open cases only: "active since now" means open (or changed in the future: none).
  const open = await listIncidents(ctx.store.db, { activeSince: now.toISOString(), limit: 10_000, scope: scopeOf(user), now });
  const [depts, grids] = await Promise.all([
    computeStats(ctx.store.db, ctx.ref, { ...p, by: 'department' }, now),
    computeStats(ctx.store.db, ctx.ref, { ...p, by: 'grid' }, now),
  ]);
  return { ...p, ...buildAgenda(open, depts.rows, grids.rows, now) };
}

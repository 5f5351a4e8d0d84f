import { scopeOf, type User } from '@streetchief/shared';
import { buildAgenda, type Agenda } from '@streetchief/shared/indicators/agenda';
import type { CommandContext } from '../commands/context.ts';
import { listIncidents } from '../store/incidentRepo.ts';
import { lastDays } from './period.ts';
import { computeStats } from './service.ts';

/**
 * The joint meeting's agenda for a user: their open cases that need the meeting, and the worst
 * departments and grids of the period (default: the last 30 days).
 */
export async function meetingAgenda(
  ctx: CommandContext,
  user: User,
  period?: { from: string; to: string },
): Promise<Agenda & { from: string; to: string }> {
  const now = ctx.now();
  const p = period ?? lastDays(now, 30, ctx.ref.calendar.timeZone);
  // Open cases only: "active since now" means open (or changed in the future: none).
  const open = await listIncidents(ctx.store.db, { activeSince: now.toISOString(), limit: 10_000, scope: scopeOf(user), now });
  const [depts, grids] = await Promise.all([
    computeStats(ctx.store.db, ctx.ref, { ...p, by: 'department' }, now),
    computeStats(ctx.store.db, ctx.ref, { ...p, by: 'grid' }, now),
  ]);
  return { ...p, ...buildAgenda(open, depts.rows, grids.rows, now) };
}

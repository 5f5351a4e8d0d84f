import { AGENDA_REASONS } from '@streetchief/shared/indicators/agenda';
import { IncidentSchema } from '@streetchief/shared/domain/incident';
import type { StatsGrouping } from '@streetchief/shared/indicators/stats';
import { z } from 'zod';
import { requestJson } from './http.ts';

const rate = z.number().nullable();

/** The figures of a unit the meeting looks at (a subset of the server's `StatsRow`). */
export const MeetingStatsRowSchema = z
  .object({
    key: z.string(),
    label: z.string(),
    due: z.number(),
    closed: z.number(),
    closedOnTime: z.number(),
    overdueOpen: z.number(),
    closureRate: rate,
    onTimeClosureRate: rate,
    reworkRate: rate,
    returnRate: rate,
    score: rate,
  })
  .loose();
export type MeetingStatsRow = z.infer<typeof MeetingStatsRowSchema>;

const AgendaSchema = z.object({
  from: z.string(),
  to: z.string(),
  cases: z.array(
    z.object({
      incident: IncidentSchema,
      reasons: z.array(z.enum(AGENDA_REASONS)),
      hoursOverdue: z.number(),
    }),
  ),
  departments: z.array(MeetingStatsRowSchema),
  grids: z.array(MeetingStatsRowSchema),
});
export type AgendaAnswer = z.infer<typeof AgendaSchema>;

/** `GET /api/meeting/agenda`: the joint meeting's agenda (default: this month to date). */
export async function getAgenda(period?: { from: string; to: string }, signal?: AbortSignal): Promise<AgendaAnswer> {
  const q = period ? `?${new URLSearchParams(period)}` : '';
  return AgendaSchema.parse(await requestJson(`/api/meeting/agenda${q}`, signal ? { signal } : {}));
}

const MeetingStatsSchema = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(MeetingStatsRowSchema),
  total: MeetingStatsRowSchema,
});
export type MeetingStats = z.infer<typeof MeetingStatsSchema>;

/** `GET /api/stats?from=&to=&by=`: the indicator engine's figures for a period, within the user's scope. */
export async function getStats(period: { from: string; to: string }, by: StatsGrouping, signal?: AbortSignal): Promise<MeetingStats> {
  const q = new URLSearchParams({ from: period.from, to: period.to, by });
  return MeetingStatsSchema.parse(await requestJson(`/api/stats?${q}`, signal ? { signal } : {}));
}

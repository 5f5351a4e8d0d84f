import { z } from 'zod';
import { DaySchema } from '@streetchief/shared/calendar/day';
import type { GridFiling, StreetFiling } from '@streetchief/shared/field/filing';
import { requestJson } from './http.ts';

const StaffFilingSchema = z.object({
  userId: z.string(),
  name: z.string(),
  /** When the report counts as submitted (the phone's time), or null while not filed. */
  filedAt: z.string().nullable(),
  late: z.boolean(),
});

const GridFilingSchema = z.object({
  gridCode: z.string(),
  streetCode: z.string(),
  staff: z.array(StaffFilingSchema),
  filed: z.number().int().min(0),
  expected: z.number().int().min(0),
}) satisfies z.ZodType<GridFiling>;

const StreetFilingSchema = z.object({
  streetCode: z.string(),
  name: z.string(),
  gridsComplete: z.number().int().min(0),
  gridsExpected: z.number().int().min(0),
  filed: z.number().int().min(0),
  expected: z.number().int().min(0),
}) satisfies z.ZodType<StreetFiling & { name: string }>;

const FilingOverviewSchema = z.object({
  /** The server's day (Asia/Shanghai), `YYYY-MM-DD`: the client never decides what "today" is. */
  day: DaySchema,
  /** The day's deadline as an instant. */
  deadline: z.iso.datetime({ offset: true }),
  /** Grids where someone is expected to file, within the user's scope. */
  grids: z.array(GridFilingSchema),
  streets: z.array(StreetFilingSchema),
});
export type FilingOverview = z.infer<typeof FilingOverviewSchema>;
export type GridFilingRow = z.infer<typeof GridFilingSchema>;
export type StreetFilingRow = z.infer<typeof StreetFilingSchema>;

/** `GET /api/daily-reports/status`: who has and has not filed today's daily report (日巡日报), per grid and street. */
export async function getFilingStatus(signal?: AbortSignal): Promise<FilingOverview> {
  return FilingOverviewSchema.parse(await requestJson('/api/daily-reports/status', signal ? { signal } : {}));
}

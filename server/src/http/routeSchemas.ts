import { z } from 'zod';
import { IncidentQuerySchema } from '@streetchief/shared';
import { DaySchema, InstantSchema, periodRefinement } from '@streetchief/shared/calendar/period';
import { TimeOfDaySchema } from '@streetchief/shared/calendar/day';
import { StatsGroupingSchema, StatsQuerySchema } from '@streetchief/shared/indicators/stats';
import { IMPORT_KINDS } from '../onboarding/runImport.ts';

/**
 * The request schemas of HTTP routes that are the server's own (a query or path shape no client
 * code builds). Shapes the client sends too live in shared/. Each route parses with the schema
 * here, and the route table (routeSpecs.ts) names the same object, so the fuzz test and the
 * OpenAPI document describe exactly what the routes accept.
 */

/** `:id` of a case, a patrol, a photo. */
export const IdParamSchema = z.object({ id: z.string().uuid() });

/** `.:format` of a download. */
export const DownloadFormatSchema = z.object({ format: z.enum(['csv', 'xlsx']) });

/** GET /api/incidents: the case list's query plus `activeSince` (the wall's window). */
export const CaseListQuerySchema = IncidentQuerySchema.extend({ activeSince: InstantSchema.optional() });

/** GET /api/grids/locate. */
export const LocateQuerySchema = z.object({
  lng: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
});

/** GET /api/checkers. */
export const CheckersQuerySchema = z.object({ gridCode: z.string().max(16).optional() });

/** GET /api/public/trend. */
export const TrendQuerySchema = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) });

/** GET /api/public/stats: groupings without people in them (units, areas and case classes). */
export const PublicStatsQuerySchema = StatsQuerySchema.and(
  z.object({ by: StatsGroupingSchema.extract(['department', 'street', 'grid', 'category']).default('department') }),
);

/** GET /api/exports/cases.:format: either end may be open (the stream is paged); both given, in order. */
export const CaseExportQuerySchema = IncidentQuerySchema.omit({ cursor: true, limit: true })
  .extend({ from: DaySchema.optional(), to: DaySchema.optional() })
  .superRefine(periodRefinement({ maxDays: null }));

/** GET /api/exports/decisions.:format: after a sequence number, or between two days. */
export const DecisionExportQuerySchema = z
  .object({ after: z.coerce.number().int().min(0).optional(), from: DaySchema.optional(), to: DaySchema.optional() })
  .refine((q) => q.after !== undefined || q.from || q.to, { message: 'give after (a sequence number) or from/to dates', path: ['after'] })
  .superRefine(periodRefinement({ maxDays: null }));

/** GET /api/patrols and /api/patrols/overview. */
export const PatrolDayQuerySchema = z.object({ day: DaySchema.optional(), mine: z.enum(['true', 'false']).optional() });

/** Daily reports of one day (default today). */
export const DayQuerySchema = z.object({ day: DaySchema.optional() });

/** PUT /api/daily-reports/deadline. */
export const DailyDeadlineSchema = z.object({ time: TimeOfDaySchema });

/** POST /api/admin/import/:kind. */
export const ImportKindParamSchema = z.object({ kind: z.enum(IMPORT_KINDS) });
export const ImportQuerySchema = z.object({
  dryRun: z.enum(['true', 'false']).default('false'),
  /** XLSX: which worksheet (default the first). */
  sheet: z.string().trim().min(1).max(64).optional(),
  /** Grids: the district's name. */
  name: z.string().trim().min(1).max(64).optional(),
});

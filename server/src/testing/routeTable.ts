import type { Express } from 'express';
import { z } from 'zod';
import {
  ActionBodySchema,
  CreateIncidentSchema,
  EventsQuerySchema,
  IncidentQuerySchema,
  LoginSchema,
  PatrolActionSchema,
  SightingSchema,
  StartPatrolSchema,
  TrackUploadSchema,
} from '@streetchief/shared';
import {
  AuditExportQuerySchema,
  AuditQuerySchema,
  CreateDisplaySchema,
  CreateUserSchema,
  DisplayIdParamSchema,
  EnrollSchema,
  PasswordChangeSchema,
  UpdateUserSchema,
  UserIdParamSchema,
} from '@streetchief/shared/admin/index';
import { DaySchema, InstantSchema, OptionalPeriodSchema, periodRefinement } from '@streetchief/shared/calendar/period';
import { TimeOfDaySchema } from '@streetchief/shared/calendar/day';
import { SubmitDailyReportSchema } from '@streetchief/shared/field/dailyReport';
import { StatsGroupingSchema, StatsQuerySchema } from '@streetchief/shared/indicators/stats';
import { Open311PostSchema, Open311QuerySchema } from '@streetchief/shared/open311/index';
import { IMPORT_KINDS } from '../onboarding/runImport.ts';

/**
 * Every HTTP route the server has, one line each: its method and Express path, the zod schemas
 * its body, query and path parameters are parsed with, and the demo account to call it as (a
 * role allowed to use it, so fuzzed requests get past the role check into the parsers). The fuzz
 * test (http/fuzz.test.ts) sends generated requests to each and compares this table with the
 * routes Express has registered, so a new route missing here fails it.
 *
 * Where a route parses with a schema of its own file rather than one from shared/, the same
 * schema is built here from the same shared parts.
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteSpec {
  method: Method;
  /** The Express path pattern, as registered (`/api/incidents/:id/actions`). */
  path: string;
  /** Demo username to sign in as; null for a public route (fuzzed anonymously only). */
  as: string | null;
  /** JSON body schema; for `raw` bodies, which kind of file the route takes. */
  body?: z.ZodType | { raw: 'image' | 'file' };
  query?: z.ZodType;
  /** One schema per `:param` in the path. */
  params?: Record<string, z.ZodType>;
  /** The call ends the session it is made with: the fuzzer signs in afresh for it each time. */
  endsSession?: boolean;
}

const Uuid = z.string().uuid();
const IdParams = { id: Uuid };
const FormatParams = { format: z.enum(['csv', 'xlsx']) };
const DayQuery = z.object({ day: DaySchema.optional() });

/** GET /api/incidents: the case list's query plus `activeSince` (incidents.ts). */
const CaseListQuery = IncidentQuerySchema.extend({ activeSince: InstantSchema.optional() });
/** GET /api/patrols(/overview) (patrols.ts). */
const PatrolDayQuery = z.object({ day: DaySchema.optional(), mine: z.enum(['true', 'false']).optional() });
/** GET /api/grids/locate (geography.ts). */
const LocateQuery = z.object({ lng: z.coerce.number().min(-180).max(180), lat: z.coerce.number().min(-90).max(90) });
/** GET /api/public/trend (meeting.ts). */
const TrendQuery = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) });
/** GET /api/public/stats (stats.ts). */
const PublicStatsQuery = StatsQuerySchema.and(
  z.object({ by: StatsGroupingSchema.extract(['department', 'street', 'grid']).default('department') }),
);
/** GET /api/exports/cases.:format (exports.ts). */
const CaseExportQuery = IncidentQuerySchema.omit({ cursor: true, limit: true })
  .extend({ from: DaySchema.optional(), to: DaySchema.optional() })
  .superRefine(periodRefinement({ maxDays: null }));
/** GET /api/exports/decisions.:format (exports.ts). */
const DecisionExportQuery = z
  .object({ after: z.coerce.number().int().min(0).optional(), from: DaySchema.optional(), to: DaySchema.optional() })
  .superRefine(periodRefinement({ maxDays: null }));
/** Open311 (open311/routes.ts): every resource in JSON or XML; a POST carries its client's key. */
const Open311Format = { format: z.enum(['json', 'xml']) };
const Open311Post = Open311PostSchema.extend({ api_key: z.string().max(100) });

/** POST /api/admin/import/:kind (adminImport.ts). */
const ImportQuery = z.object({
  dryRun: z.enum(['true', 'false']).default('false'),
  sheet: z.string().trim().min(1).max(64).optional(),
  name: z.string().trim().min(1).max(64).optional(),
});

export const ROUTES: readonly RouteSpec[] = [
  { method: 'GET', path: '/healthz', as: null },
  { method: 'GET', path: '/config.js', as: null },
  // Session
  { method: 'POST', path: '/api/session', as: 'wall', body: LoginSchema },
  { method: 'GET', path: '/api/session', as: 'wall' },
  { method: 'DELETE', path: '/api/session', as: 'wall', endsSession: true },
  // An account no other route uses: a password change that went through would not lock the others out.
  { method: 'POST', path: '/api/session/password', as: 'grid_xubi', body: PasswordChangeSchema },
  { method: 'POST', path: '/api/displays/enroll', as: null, body: EnrollSchema },
  // Geography and catalogue
  { method: 'GET', path: '/api/grids', as: 'patrol_liexi' },
  { method: 'GET', path: '/api/grids/boundaries', as: null },
  { method: 'GET', path: '/api/grids/locate', as: 'patrol_liexi', query: LocateQuery },
  { method: 'GET', path: '/api/categories', as: null },
  // Cases
  { method: 'POST', path: '/api/incidents', as: 'patrol_liexi', body: CreateIncidentSchema },
  { method: 'GET', path: '/api/incidents', as: 'dispatcher', query: CaseListQuery },
  { method: 'GET', path: '/api/incidents/:id', as: 'dispatcher', params: IdParams },
  { method: 'POST', path: '/api/incidents/:id/actions', as: 'dispatcher', params: IdParams, body: ActionBodySchema },
  { method: 'GET', path: '/api/checkers', as: 'dispatcher', query: z.object({ gridCode: z.string().max(16).optional() }) },
  { method: 'POST', path: '/api/incidents/:id/sightings', as: 'patrol_liexi', params: IdParams, body: SightingSchema },
  { method: 'GET', path: '/api/incidents/:id/sightings', as: 'patrol_liexi', params: IdParams },
  // Photos
  { method: 'POST', path: '/api/photos', as: 'patrol_liexi', query: z.object({ id: Uuid }), body: { raw: 'image' } },
  { method: 'GET', path: '/api/photos/:id', as: 'patrol_liexi', params: IdParams },
  // Indicators, meeting, exports
  { method: 'GET', path: '/api/stats', as: 'supervisor', query: StatsQuerySchema },
  { method: 'GET', path: '/api/public/stats', as: null, query: PublicStatsQuery },
  { method: 'GET', path: '/api/public/trend', as: null, query: TrendQuery },
  { method: 'GET', path: '/api/meeting/agenda', as: 'supervisor', query: OptionalPeriodSchema },
  { method: 'GET', path: '/api/exports/cases.:format', as: 'supervisor', params: FormatParams, query: CaseExportQuery },
  { method: 'GET', path: '/api/exports/stats.:format', as: 'supervisor', params: FormatParams, query: StatsQuerySchema },
  { method: 'GET', path: '/api/exports/decisions.:format', as: 'supervisor', params: FormatParams, query: DecisionExportQuery },
  // The event log
  { method: 'GET', path: '/api/events', as: 'wall', query: EventsQuerySchema },
  // Patrols
  { method: 'POST', path: '/api/patrols', as: 'patrol_liexi', body: StartPatrolSchema },
  { method: 'POST', path: '/api/patrols/:id/track', as: 'patrol_liexi', params: IdParams, body: TrackUploadSchema },
  { method: 'POST', path: '/api/patrols/:id/actions', as: 'patrol_liexi', params: IdParams, body: PatrolActionSchema },
  { method: 'GET', path: '/api/patrols', as: 'patrol_liexi', query: PatrolDayQuery },
  { method: 'GET', path: '/api/patrols/overview', as: 'supervisor', query: PatrolDayQuery },
  { method: 'GET', path: '/api/patrols/:id', as: 'patrol_liexi', params: IdParams },
  // Daily reports
  { method: 'GET', path: '/api/daily-reports/draft', as: 'patrol_liexi', query: DayQuery },
  { method: 'POST', path: '/api/daily-reports', as: 'patrol_liexi', body: SubmitDailyReportSchema },
  { method: 'GET', path: '/api/daily-reports', as: 'supervisor', query: DayQuery },
  { method: 'GET', path: '/api/daily-reports/status', as: 'dispatcher', query: DayQuery },
  { method: 'GET', path: '/api/daily-reports/deadline', as: 'patrol_liexi' },
  { method: 'PUT', path: '/api/daily-reports/deadline', as: 'admin', body: z.object({ time: TimeOfDaySchema }) },
  // Administration
  {
    method: 'POST',
    path: '/api/admin/import/:kind',
    as: 'admin',
    params: { kind: z.enum(IMPORT_KINDS) },
    query: ImportQuery,
    body: { raw: 'file' },
  },
  { method: 'GET', path: '/api/admin/coverage', as: 'admin' },
  { method: 'GET', path: '/api/admin/users', as: 'admin' },
  { method: 'POST', path: '/api/admin/users', as: 'admin', body: CreateUserSchema },
  { method: 'GET', path: '/api/admin/users/:id', as: 'admin', params: { id: UserIdParamSchema.shape.id } },
  { method: 'PATCH', path: '/api/admin/users/:id', as: 'admin', params: { id: UserIdParamSchema.shape.id }, body: UpdateUserSchema },
  { method: 'POST', path: '/api/admin/users/:id/disable', as: 'admin', params: { id: UserIdParamSchema.shape.id } },
  { method: 'POST', path: '/api/admin/users/:id/enable', as: 'admin', params: { id: UserIdParamSchema.shape.id } },
  { method: 'POST', path: '/api/admin/users/:id/reset-password', as: 'admin', params: { id: UserIdParamSchema.shape.id } },
  { method: 'GET', path: '/api/admin/displays', as: 'admin' },
  { method: 'POST', path: '/api/admin/displays', as: 'admin', body: CreateDisplaySchema },
  { method: 'DELETE', path: '/api/admin/displays/:id', as: 'admin', params: { id: DisplayIdParamSchema.shape.id } },
  { method: 'GET', path: '/api/admin/audit', as: 'admin', query: AuditQuerySchema },
  { method: 'GET', path: '/api/admin/audit.:format', as: 'admin', params: FormatParams, query: AuditExportQuerySchema },
  // Open311 GeoReport v2: public reads, key-authorised posts (no session).
  { method: 'GET', path: '/open311/v2/discovery.:format', as: null, params: Open311Format },
  { method: 'GET', path: '/open311/v2/services.:format', as: null, params: Open311Format },
  { method: 'GET', path: '/open311/v2/services/:code.:format', as: null, params: { code: z.string().max(16), ...Open311Format } },
  { method: 'GET', path: '/open311/v2/requests.:format', as: null, params: Open311Format, query: Open311QuerySchema },
  { method: 'POST', path: '/open311/v2/requests.:format', as: null, params: Open311Format, body: Open311Post },
  { method: 'GET', path: '/open311/v2/requests/:id.:format', as: null, params: { id: z.string().max(20), ...Open311Format } },
  { method: 'GET', path: '/open311/v2/tokens/:token.:format', as: null, params: { token: z.string().max(64), ...Open311Format } },
];

/** `GET /api/x` for a route: how the table and Express are compared. */
export const routeKey = (r: { method: string; path: string }) => `${r.method.toUpperCase()} ${r.path}`;

interface LayerLike {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
  rawPath?: unknown;
  slash?: boolean;
}

/**
 * The routes an Express 5 app has registered, as `METHOD /path` keys: its router's layers, with
 * routers mounted by `app.use(router)` or `app.use('/prefix', router)` walked into. Middleware
 * (`app.use(fn)`) is not a route and is left out; a regular-expression route (the client's
 * catch-all page) is listed by its source.
 */
export function registeredRoutes(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: LayerLike[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const p of paths) {
          const path = p instanceof RegExp ? `regexp:${p.source}` : prefix + String(p);
          for (const [m, on] of Object.entries(layer.route.methods)) if (on && m !== '_all') out.push(routeKey({ method: m, path }));
        }
      } else if (layer.handle?.stack) {
        const mount = layer.slash || layer.rawPath === '/' ? '' : String(layer.rawPath ?? '');
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  const router = (app as unknown as { router: { stack: LayerLike[] } }).router;
  walk(router.stack, '');
  return out;
}

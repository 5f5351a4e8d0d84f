import { z } from 'zod';
import {
  ActionBodySchema,
  CreateIncidentSchema,
  EventsQuerySchema,
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
import { OptionalPeriodSchema } from '@streetchief/shared/calendar/period';
import { SubmitDailyReportSchema } from '@streetchief/shared/field/dailyReport';
import { StatsQuerySchema } from '@streetchief/shared/indicators/stats';
import { Open311PostSchema, Open311QuerySchema } from '@streetchief/shared/open311/index';
import {
  CaseExportQuerySchema,
  CaseListQuerySchema,
  CheckersQuerySchema,
  DailyDeadlineSchema,
  DayQuerySchema,
  DecisionExportQuerySchema,
  DownloadFormatSchema,
  IdParamSchema,
  ImportKindParamSchema,
  ImportQuerySchema,
  LocateQuerySchema,
  PatrolDayQuerySchema,
  PublicStatsQuerySchema,
  TrendQuerySchema,
} from './routeSchemas.ts';

/**
 * Every HTTP route the server has, one line each: its method and Express path, what it is for,
 * the zod schemas its body, query and path parameters are parsed with (the same objects the
 * routes parse with), and a demo account allowed to call it (null: no session needed). Two
 * things are made from it: the OpenAPI document (openapi.ts, GET /api/openapi.json) and the fuzz
 * test (http/fuzz.test.ts), which sends generated requests to each route and compares this table
 * with the routes Express has registered, so a route missing here fails it.
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteSpec {
  method: Method;
  /** The Express path pattern, as registered (`/api/incidents/:id/actions`). */
  path: string;
  /** What it does, for the API's reader. */
  summary: string;
  /** A demo username allowed to call it (tests sign in as it); null for a route without a session. */
  as: string | null;
  /** JSON body schema; for `raw` bodies, which kind of file the route takes. */
  body?: z.ZodType | { raw: 'image' | 'file' };
  query?: z.ZodType;
  /** One schema per `:param` in the path. */
  params?: Record<string, z.ZodType>;
  /** The call ends the session it is made with: the fuzzer signs in afresh for it each time. */
  endsSession?: boolean;
  /** Authorised by an API key in the body (Open311) rather than a session. */
  apiKey?: boolean;
}

const IdParams = IdParamSchema.shape;
const FormatParams = DownloadFormatSchema.shape;
const UserIdParams = UserIdParamSchema.shape;
/** Open311 (open311/routes.ts): every resource in JSON or XML; a POST carries its client's key. */
const Open311Format = { format: z.enum(['json', 'xml']) };
const Open311Post = Open311PostSchema.extend({ api_key: z.string().max(100) });

export const ROUTES: readonly RouteSpec[] = [
  { method: 'GET', path: '/healthz', summary: 'Health: 200 with the event head after reading the database, else 503', as: null },
  { method: 'GET', path: '/config.js', summary: "The page's run-time settings (basemap style)", as: null },
  { method: 'GET', path: '/api/openapi.json', summary: 'This document', as: null },
  { method: 'GET', path: '/api/docs', summary: 'This document as a page to read', as: null },
  // Session
  { method: 'POST', path: '/api/session', summary: 'Sign in (username, password): sets the session cookie', as: 'wall', body: LoginSchema },
  { method: 'GET', path: '/api/session', summary: 'Who is signed in', as: 'wall' },
  { method: 'DELETE', path: '/api/session', summary: 'Sign out', as: 'wall', endsSession: true },
  // An account no other route uses: a password change that went through would not lock the others out.
  {
    method: 'POST',
    path: '/api/session/password',
    summary: 'Change one’s own password (current, next)',
    as: 'grid_xubi',
    body: PasswordChangeSchema,
  },
  { method: 'POST', path: '/api/displays/enroll', summary: 'A wall display redeems its enrollment code', as: null, body: EnrollSchema },
  // Geography and catalogue
  { method: 'GET', path: '/api/grids', summary: 'The grids with their staff (GeoJSON)', as: 'patrol_liexi' },
  { method: 'GET', path: '/api/grids/boundaries', summary: 'Grid, community and street outlines (GeoJSON, ETag)', as: null },
  { method: 'GET', path: '/api/grids/locate', summary: 'The grid of a point', as: 'patrol_liexi', query: LocateQuerySchema },
  { method: 'GET', path: '/api/categories', summary: 'The case classes (大类/小类) and their time limits', as: null },
  // Cases
  {
    method: 'POST',
    path: '/api/incidents',
    summary: 'Report a problem (client-made id: a retry is not a second case)',
    as: 'patrol_liexi',
    body: CreateIncidentSchema,
  },
  { method: 'GET', path: '/api/incidents', summary: 'Cases in scope, newest first, paged', as: 'dispatcher', query: CaseListQuerySchema },
  { method: 'GET', path: '/api/incidents/:id', summary: 'One case and its history', as: 'dispatcher', params: IdParams },
  {
    method: 'POST',
    path: '/api/incidents/:id/actions',
    summary: 'A workflow step on a case (type, expectedVersion, …): 409 when illegal or stale',
    as: 'dispatcher',
    params: IdParams,
    body: ActionBodySchema,
  },
  { method: 'GET', path: '/api/checkers', summary: 'Who may be handed an on-site check', as: 'dispatcher', query: CheckersQuerySchema },
  {
    method: 'POST',
    path: '/api/incidents/:id/sightings',
    summary: 'A patrol saw the same problem again (instead of a duplicate report)',
    as: 'patrol_liexi',
    params: IdParams,
    body: SightingSchema,
  },
  { method: 'GET', path: '/api/incidents/:id/sightings', summary: 'Sightings of a case', as: 'patrol_liexi', params: IdParams },
  // Photos
  {
    method: 'POST',
    path: '/api/photos',
    summary: 'Upload a photo (raw JPEG/PNG/WebP ≤ 4 MiB) before the step that attaches it',
    as: 'patrol_liexi',
    query: z.object({ id: z.string().uuid() }),
    body: { raw: 'image' },
  },
  { method: 'GET', path: '/api/photos/:id', summary: 'A photo of a case in scope', as: 'patrol_liexi', params: IdParams },
  // Indicators, meeting, exports
  {
    method: 'GET',
    path: '/api/stats',
    summary: 'Indicators by unit, area or class for a period',
    as: 'supervisor',
    query: StatsQuerySchema,
  },
  {
    method: 'GET',
    path: '/api/public/stats',
    summary: 'Published closure statistics (no personal data)',
    as: null,
    query: PublicStatsQuerySchema,
  },
  { method: 'GET', path: '/api/public/trend', summary: 'Reported and closed per day, published', as: null, query: TrendQuerySchema },
  {
    method: 'GET',
    path: '/api/meeting/agenda',
    summary: 'The joint meeting’s agenda: overdue and escalated cases, rankings',
    as: 'supervisor',
    query: OptionalPeriodSchema,
  },
  {
    method: 'GET',
    path: '/api/exports/cases.:format',
    summary: 'Cases as CSV or XLSX (streamed)',
    as: 'supervisor',
    params: FormatParams,
    query: CaseExportQuerySchema,
  },
  {
    method: 'GET',
    path: '/api/exports/stats.:format',
    summary: 'Indicators as CSV or XLSX',
    as: 'supervisor',
    params: FormatParams,
    query: StatsQuerySchema,
  },
  {
    method: 'GET',
    path: '/api/exports/decisions.:format',
    summary: 'Meeting decisions (minutes) as CSV or XLSX',
    as: 'supervisor',
    params: FormatParams,
    query: DecisionExportQuerySchema,
  },
  // The event log
  {
    method: 'GET',
    path: '/api/events',
    summary: 'The event log after a sequence number, as the user may see it',
    as: 'wall',
    query: EventsQuerySchema,
  },
  // Patrols
  { method: 'POST', path: '/api/patrols', summary: 'Start a patrol', as: 'patrol_liexi', body: StartPatrolSchema },
  {
    method: 'POST',
    path: '/api/patrols/:id/track',
    summary: 'Upload track points (batched, offline-safe)',
    as: 'patrol_liexi',
    params: IdParams,
    body: TrackUploadSchema,
  },
  {
    method: 'POST',
    path: '/api/patrols/:id/actions',
    summary: 'Pause, resume or end a patrol',
    as: 'patrol_liexi',
    params: IdParams,
    body: PatrolActionSchema,
  },
  { method: 'GET', path: '/api/patrols', summary: 'Patrols of a day', as: 'patrol_liexi', query: PatrolDayQuerySchema },
  { method: 'GET', path: '/api/patrols/overview', summary: 'Who patrolled where on a day', as: 'supervisor', query: PatrolDayQuerySchema },
  { method: 'GET', path: '/api/patrols/:id', summary: 'One patrol and its track', as: 'patrol_liexi', params: IdParams },
  // Daily reports
  {
    method: 'GET',
    path: '/api/daily-reports/draft',
    summary: 'Today’s daily report (日报), filled from the day’s work',
    as: 'patrol_liexi',
    query: DayQuerySchema,
  },
  { method: 'POST', path: '/api/daily-reports', summary: 'File the daily report', as: 'patrol_liexi', body: SubmitDailyReportSchema },
  { method: 'GET', path: '/api/daily-reports', summary: 'Daily reports of a day', as: 'supervisor', query: DayQuerySchema },
  {
    method: 'GET',
    path: '/api/daily-reports/status',
    summary: 'Who has filed the daily report, per grid',
    as: 'dispatcher',
    query: DayQuerySchema,
  },
  { method: 'GET', path: '/api/daily-reports/deadline', summary: 'The daily report’s deadline (time of day)', as: 'patrol_liexi' },
  {
    method: 'PUT',
    path: '/api/daily-reports/deadline',
    summary: 'Set the daily report’s deadline',
    as: 'admin',
    body: DailyDeadlineSchema,
  },
  // Administration
  {
    method: 'POST',
    path: '/api/admin/import/:kind',
    summary: 'Import grids (GeoJSON), departments, classes, calendar or staff (CSV/XLSX); dryRun checks only',
    as: 'admin',
    params: ImportKindParamSchema.shape,
    query: ImportQuerySchema,
    body: { raw: 'file' },
  },
  { method: 'GET', path: '/api/admin/coverage', summary: 'Grids without staff, classes without a department', as: 'admin' },
  { method: 'GET', path: '/api/admin/users', summary: 'Accounts', as: 'admin' },
  {
    method: 'POST',
    path: '/api/admin/users',
    summary: 'Create an account (temporary password shown once)',
    as: 'admin',
    body: CreateUserSchema,
  },
  { method: 'GET', path: '/api/admin/users/:id', summary: 'One account', as: 'admin', params: UserIdParams },
  {
    method: 'PATCH',
    path: '/api/admin/users/:id',
    summary: 'Change an account (expectedVersion: 409 when stale)',
    as: 'admin',
    params: UserIdParams,
    body: UpdateUserSchema,
  },
  {
    method: 'POST',
    path: '/api/admin/users/:id/disable',
    summary: 'Disable an account (its sessions end)',
    as: 'admin',
    params: UserIdParams,
  },
  { method: 'POST', path: '/api/admin/users/:id/enable', summary: 'Enable an account', as: 'admin', params: UserIdParams },
  {
    method: 'POST',
    path: '/api/admin/users/:id/reset-password',
    summary: 'Reset a password (temporary, shown once)',
    as: 'admin',
    params: UserIdParams,
  },
  { method: 'GET', path: '/api/admin/displays', summary: 'Wall displays', as: 'admin' },
  {
    method: 'POST',
    path: '/api/admin/displays',
    summary: 'Register a wall display (enrollment code)',
    as: 'admin',
    body: CreateDisplaySchema,
  },
  {
    method: 'DELETE',
    path: '/api/admin/displays/:id',
    summary: 'Revoke a wall display (its sessions end)',
    as: 'admin',
    params: DisplayIdParamSchema.shape,
  },
  { method: 'GET', path: '/api/admin/audit', summary: 'The audit log, newest first, paged', as: 'admin', query: AuditQuerySchema },
  {
    method: 'GET',
    path: '/api/admin/audit.:format',
    summary: 'The audit log as CSV or XLSX',
    as: 'admin',
    params: FormatParams,
    query: AuditExportQuerySchema,
  },
  // Open311 GeoReport v2: public reads, key-authorised posts (no session); docs/interop.md.
  { method: 'GET', path: '/open311/v2/discovery.:format', summary: 'Open311 discovery', as: null, params: Open311Format },
  { method: 'GET', path: '/open311/v2/services.:format', summary: 'Open311 services (case classes)', as: null, params: Open311Format },
  {
    method: 'GET',
    path: '/open311/v2/services/:code.:format',
    summary: 'Open311 service definition',
    as: null,
    params: { code: z.string().max(16), ...Open311Format },
  },
  {
    method: 'GET',
    path: '/open311/v2/requests.:format',
    summary: 'Open311 service requests (public view of cases)',
    as: null,
    params: Open311Format,
    query: Open311QuerySchema,
  },
  {
    method: 'POST',
    path: '/open311/v2/requests.:format',
    summary: 'Open311: submit a service request (api_key)',
    as: null,
    apiKey: true,
    params: Open311Format,
    body: Open311Post,
  },
  {
    method: 'GET',
    path: '/open311/v2/requests/:id.:format',
    summary: 'Open311: one service request by case number',
    as: null,
    params: { id: z.string().max(20), ...Open311Format },
  },
  {
    method: 'GET',
    path: '/open311/v2/tokens/:token.:format',
    summary: 'Open311: the case number of a token',
    as: null,
    params: { token: z.string().max(64), ...Open311Format },
  },
];

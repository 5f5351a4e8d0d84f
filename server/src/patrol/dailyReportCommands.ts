import { PATROL_ROLES, type User } from '@streetchief/shared';
import {
  DEFAULT_DAILY_REPORT_DEADLINE,
  MAX_FIELD_DAYS_BACK,
  TimeOfDaySchema,
  dayBounds,
  dayOf,
  effectiveSubmittedAt,
  filingStatus,
  gridsCrossed,
  timeOnDay,
  type DailyReport,
  type GridFiling,
  type StreetFiling,
  type SubmitDailyReport,
} from '@streetchief/shared/field/index';
import { badRequest, conflict, forbidden } from '../http/errors.ts';
import type { Executor } from '../store/store.ts';
import { listUsers } from '../store/userRepo.ts';
import { dailyReportOf, dailyReportsOfDay, getDailyReport, incidentsReportedBy, insertDailyReport } from './dailyReportRepo.ts';
import { gridLocator, visibleGrids, type FieldContext } from './fieldContext.ts';
import { patrolsOfDay, pointsOfPatrols } from './patrolRepo.ts';

/** The meta key of the daily-report deadline (`HH:MM`, Asia/Shanghai): data, not code. */
export const DEADLINE_META_KEY = 'daily_report_deadline';

export async function dailyDeadline(ctx: FieldContext, ex: Executor = ctx.store.db): Promise<string> {
  const stored = await ctx.store.getMeta(DEADLINE_META_KEY, ex);
  return stored && TimeOfDaySchema.safeParse(stored).success ? stored : DEFAULT_DAILY_REPORT_DEADLINE;
}

export async function setDailyDeadline(ctx: FieldContext, user: User, time: string): Promise<string> {
  if (user.role !== 'admin' && user.role !== 'supervisor') throw forbidden('only an administrator or supervisor sets the deadline');
  await ctx.store.setMeta(DEADLINE_META_KEY, time);
  return time;
}

/** What the server would put in a user's daily report for a day: computed, never typed in. */
export interface DailyDraft {
  day: string;
  deadline: string;
  gridsCovered: string[];
  gridsMissed: string[];
  patrolIds: string[];
  distanceM: number;
  incidents: { id: string; gridCode: string }[];
  existing: DailyReport | null;
}

export async function dailyDraft(ctx: FieldContext, user: User, day: string, ex: Executor = ctx.store.db): Promise<DailyDraft> {
  const patrols = await patrolsOfDay(ex, day, user.id);
  const points = await pointsOfPatrols(
    ex,
    patrols.map((p) => p.id),
  );
  const covered = new Set<string>();
  for (const p of patrols) for (const v of gridsCrossed(points.get(p.id) ?? [], gridLocator(ctx))) covered.add(v.code);
  const { start, end } = dayBounds(day);
  const time = await dailyDeadline(ctx, ex);
  return {
    day,
    deadline: timeOnDay(day, time).toISOString(),
    gridsCovered: [...covered],
    gridsMissed: user.gridCodes.filter((g) => !covered.has(g)),
    patrolIds: patrols.map((p) => p.id),
    distanceM: patrols.reduce((sum, p) => sum + p.distanceM, 0),
    incidents: await incidentsReportedBy(ex, user.id, new Date(start).toISOString(), new Date(end).toISOString()),
    existing: await dailyReportOf(ex, user.id, day),
  };
}

/**
 * File the day's report. Grids covered and cases reported are computed here from what the server
 * holds (the outbox sends a day's track points before the report). One report per user and day;
 * the same id again is a retry and returns the stored report.
 */
export async function submitDailyReport(
  ctx: FieldContext,
  props: { user: User; body: SubmitDailyReport },
): Promise<{ report: DailyReport; created: boolean }> {
  const { user, body } = props;
  if (!(PATROL_ROLES as readonly string[]).includes(user.role)) throw forbidden(`role ${user.role} files no daily report`);
  const now = ctx.now();
  const today = dayOf(now);
  const oldest = dayOf(now.getTime() - MAX_FIELD_DAYS_BACK * 86_400_000);
  if (body.day > today || body.day < oldest) throw badRequest('day', `a daily report is for a day from ${oldest} to ${today}`);
  return ctx.store.transaction(async (trx) => {
    const same = await getDailyReport(trx, body.id);
    if (same) {
      if (same.userId !== user.id) throw conflict('this report id is taken');
      return { report: same, created: false };
    }
    const draft = await dailyDraft(ctx, user, body.day, trx);
    if (draft.existing) throw conflict(`the daily report for ${body.day} is already filed`, { existingId: draft.existing.id });
    const submittedAt = effectiveSubmittedAt(body.submittedAt, now);
    const report: DailyReport = {
      id: body.id,
      userId: user.id,
      userName: user.displayName,
      day: body.day,
      submittedAt: submittedAt.toISOString(),
      receivedAt: now.toISOString(),
      deadline: draft.deadline,
      late: submittedAt.getTime() > Date.parse(draft.deadline),
      gridsCovered: draft.gridsCovered,
      gridsMissed: draft.gridsMissed,
      patrolIds: draft.patrolIds,
      distanceM: draft.distanceM,
      incidentIds: draft.incidents.map((i) => i.id),
      checklist: body.checklist,
      notes: body.notes,
    };
    if (!(await insertDailyReport(trx, report))) throw conflict(`the daily report for ${body.day} is already filed`);
    return { report, created: true };
  });
}

/** A day's reports that a user may read: district-wide roles all, others those touching their grids. */
export async function visibleDailyReports(ctx: FieldContext, user: User, day: string): Promise<DailyReport[]> {
  const grids = visibleGrids(ctx, user);
  const reports = await dailyReportsOfDay(ctx.store.db, day);
  if (!grids) return reports;
  const staff = new Map((await listUsers(ctx.store.db)).map((u) => [u.id, u]));
  return reports.filter(
    (r) => r.userId === user.id || [...r.gridsCovered, ...(staff.get(r.userId)?.gridCodes ?? [])].some((g) => grids.has(g)),
  );
}

export interface FilingOverview {
  day: string;
  deadline: string;
  grids: GridFiling[];
  streets: (StreetFiling & { name: string })[];
}

/** Who has and has not filed a day's report, per grid and street, within the user's scope. */
export async function filingOverview(ctx: FieldContext, user: User, day: string): Promise<FilingOverview> {
  const [users, reports, time] = await Promise.all([listUsers(ctx.store.db), dailyReportsOfDay(ctx.store.db, day), dailyDeadline(ctx)]);
  const scope = visibleGrids(ctx, user);
  const grids = ctx.ref.grids.filter((g) => !scope || scope.has(g.code));
  const status = filingStatus(
    users.map((u) => ({ userId: u.id, name: u.displayName, role: u.role, gridCodes: u.gridCodes })),
    reports.map((r) => ({ userId: r.userId, submittedAt: r.submittedAt, late: r.late })),
    grids,
  );
  const names = new Map(ctx.ref.streets.map((s) => [s.code, s.name]));
  return {
    day,
    deadline: timeOnDay(day, time).toISOString(),
    grids: status.grids,
    streets: status.streets.map((s) => ({ ...s, name: names.get(s.streetCode) ?? s.streetCode })),
  };
}

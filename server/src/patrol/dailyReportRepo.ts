import type { DailyReport } from '@streetchief/shared/field/index';
import type { Executor } from '../store/store.ts';

/** Insert a daily report; false when its id, or the same user's report for that day, exists. */
export async function insertDailyReport(ex: Executor, r: DailyReport): Promise<boolean> {
  const res = await ex
    .insertInto('daily_reports')
    .values({ id: r.id, user_id: r.userId, day: r.day, submitted_at: r.submittedAt, late: r.late ? 1 : 0, data: JSON.stringify(r) })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function getDailyReport(ex: Executor, id: string): Promise<DailyReport | null> {
  const row = await ex.selectFrom('daily_reports').select('data').where('id', '=', id).executeTakeFirst();
  return row ? (JSON.parse(row.data) as DailyReport) : null;
}

export async function dailyReportOf(ex: Executor, userId: string, day: string): Promise<DailyReport | null> {
  const row = await ex.selectFrom('daily_reports').select('data').where('user_id', '=', userId).where('day', '=', day).executeTakeFirst();
  return row ? (JSON.parse(row.data) as DailyReport) : null;
}

export async function dailyReportsOfDay(ex: Executor, day: string): Promise<DailyReport[]> {
  const rows = await ex.selectFrom('daily_reports').select('data').where('day', '=', day).orderBy('submitted_at').execute();
  return rows.map((r) => JSON.parse(r.data) as DailyReport);
}

/** Ids of the cases a user reported in `[from, to)` (ISO), oldest first: linked to the daily report. */
export async function incidentsReportedBy(
  ex: Executor,
  userId: string,
  from: string,
  to: string,
): Promise<{ id: string; gridCode: string }[]> {
  const rows = await ex
    .selectFrom('incidents')
    .select(['id', 'grid_code'])
    .where('reporter_id', '=', userId)
    .where('reported_at', '>=', from)
    .where('reported_at', '<', to)
    .orderBy('reported_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, gridCode: r.grid_code }));
}

import type { Kysely, Migration } from 'kysely';
import { addWorkingTime, DEFAULT_CALENDAR, WorkCalendarSchema } from '@streetchief/shared/calendar/index';
import { DEFAULT_CHECK_LIMIT } from '@streetchief/shared/domain/catalogue';

/** Asia/Shanghai has had no daylight saving since 1991: the year of an instant there is exact. */
const CST_MS = 8 * 3_600_000;

/** The counter row that numbers the cases reported in `year` (district time). */
export const caseNoCounter = (year: number) => `case_no:${year}`;

/**
 * Case numbers (案卷号) and assigned checks (指派核查).
 *
 * - `incidents.case_no`: `YYYY-NNNNNN`, unique. Existing cases are numbered here in the order they
 *   were reported, per year of the report in district time, and each year's counter row is set to
 *   the last number given, so the next report continues the sequence.
 * - `incidents.checker_id`: the patrol or grid staff member named for the on-site check; the scope
 *   filters let them see the case. `incidents.check_due_at`: when the waiting check falls due.
 * - `case_classes.check_limit_*`: the class's check time limit; null means the default.
 * - Cases waiting for their check get the date it falls due (one working day after the feedback,
 *   on the district's calendar), so a backlog from before the upgrade shows as check overdue too.
 */
export const caseNumbers: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('incidents').addColumn('case_no', 'text').execute();
    await db.schema.alterTable('incidents').addColumn('checker_id', 'text').execute();
    await db.schema.alterTable('incidents').addColumn('check_due_at', 'text').execute();
    await db.schema.alterTable('case_classes').addColumn('check_limit_value', 'integer').execute();
    await db.schema.alterTable('case_classes').addColumn('check_limit_unit', 'text').execute();

    const calRow = (await db.selectFrom('meta').select('value').where('key', '=', 'calendar').executeTakeFirst()) as
      { value: string } | undefined;
    const calendar = calRow ? WorkCalendarSchema.parse(JSON.parse(calRow.value)) : DEFAULT_CALENDAR;

    const rows = (await db
      .selectFrom('incidents')
      .select(['id', 'reported_at', 'data'])
      .orderBy('reported_at')
      .orderBy('id')
      .execute()) as {
      id: string;
      reported_at: string;
      data: string;
    }[];
    const last = new Map<number, number>();
    for (const r of rows) {
      const year = new Date(Date.parse(r.reported_at) + CST_MS).getUTCFullYear();
      const n = (last.get(year) ?? 0) + 1;
      last.set(year, n);
      const caseNo = `${year}-${String(n).padStart(6, '0')}`;
      const c = JSON.parse(r.data) as Record<string, unknown>;
      c.caseNo = caseNo;
      c.checkerId = null;
      c.checkDueAt =
        c.status === 'handled' && typeof c.handledAt === 'string'
          ? addWorkingTime(calendar, new Date(c.handledAt), DEFAULT_CHECK_LIMIT).deadline.toISOString()
          : null;
      await db
        .updateTable('incidents')
        .set({ case_no: caseNo, check_due_at: c.checkDueAt, data: JSON.stringify(c) })
        .where('id', '=', r.id)
        .execute();
    }
    for (const [year, n] of last)
      await db
        .insertInto('counters')
        .values({ name: caseNoCounter(year), value: n })
        .execute();
    await db.schema.createIndex('incidents_case_no').unique().on('incidents').column('case_no').execute();
    await db.schema.createIndex('incidents_checker').on('incidents').column('checker_id').execute();
  },
};

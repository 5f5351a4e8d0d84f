import { DEADLINE_STATES } from '@streetchief/shared';
import { sql, type RawBuilder } from 'kysely';
import type { StatsCounts, StatsGrouping } from '@streetchief/shared/indicators/stats';
import { ZERO_FIELD_COUNTS } from '@streetchief/shared/indicators/formulas';
import type { Executor } from '../store/store.ts';

/** The column each grouping uses. */
export const GROUP_COLUMN: Record<StatsGrouping, 'street_code' | 'community_code' | 'grid_code' | 'lead_dept' | 'category_code'> = {
  street: 'street_code',
  community: 'community_code',
  grid: 'grid_code',
  department: 'lead_dept',
  category: 'category_code',
};

export interface Window {
  start: string;
  end: string;
  /** Figures are counted up to here: min(end, now). */
  cutoff: string;
}

/**
 * The deadline a case is judged by (`judgedDeadline` in shared/domain/incident.ts): the one it
 * missed if it went late, else the one in force. A late case re-dated by a meeting stays due in the
 * period it went late in, and stays late.
 */
const JUDGED = sql`COALESCE(late_at, deadline)`;

/**
 * 应结案 (due for closure) in a window: registered, not voided, not parked at the cutoff, and
 * either its judged deadline fell in the window or it was closed early within it. The one
 * definition the counts below, the P90 query and the benchmark's baseline share.
 */
function dueCondition(w: Window): RawBuilder<boolean> {
  return sql<boolean>`(status <> 'voided' AND registered_at IS NOT NULL
    AND (parked_since IS NULL OR parked_since >= ${w.cutoff})
    AND ((${JUDGED} >= ${w.start} AND ${JUDGED} < ${w.cutoff})
      OR (closed_at >= ${w.start} AND closed_at < ${w.cutoff} AND ${JUDGED} >= ${w.cutoff})))`;
}

/** On time (按期): done by the deadline and never late before (a late case stays late). */
const onTime = (col: 'closed_at' | 'handled_at', w: Window) =>
  sql<boolean>`${sql.ref(col)} < ${w.cutoff} AND ${sql.ref(col)} <= deadline AND late_at IS NULL`;

/** The states whose deadline runs (shared rule), as SQL literals. */
const DEADLINE_STATE_LIST = sql.join(DEADLINE_STATES.map((s) => sql.lit(s)));

const when = (cond: RawBuilder<boolean>) => sql<number>`SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;
const inWindow = (col: string, w: Window) => sql<boolean>`(${sql.ref(col)} >= ${w.start} AND ${sql.ref(col)} < ${w.cutoff})`;

/**
 * The counts of every indicator per group, in one GROUP BY over the case projection (which the
 * event log fills in the same transactions, so any period can be recomputed from it), plus one
 * window query for the 90th percentile of handling time.
 */
export async function countsByGroup(ex: Executor, by: StatsGrouping, w: Window): Promise<Map<string, StatsCounts>> {
  const col = GROUP_COLUMN[by];
  const due = dueCondition(w);
  const rows = await ex
    .selectFrom('incidents')
    .select([
      sql<string | null>`${sql.ref(col)}`.as('key'),
      when(inWindow('reported_at', w)).as('reported'),
      when(inWindow('registered_at', w)).as('registered'),
      when(inWindow('dispatched_at', w)).as('dispatched'),
      when(due).as('due'),
      when(sql`${due} AND closed_at < ${w.cutoff}`).as('closed'),
      when(sql`${due} AND ${onTime('closed_at', w)}`).as('closedOnTime'),
      when(sql`${due} AND ${onTime('handled_at', w)}`).as('handledOnTime'),
      sql<number>`SUM(CASE WHEN ${due} THEN feedback_count ELSE 0 END)`.as('feedbacks'),
      sql<number>`SUM(CASE WHEN ${due} THEN rework_count ELSE 0 END)`.as('reworks'),
      when(sql`${due} AND return_count > 0`).as('returned'),
      when(sql`${due} AND extension_count > 0`).as('extended'),
      when(
        sql`status <> 'voided' AND parked_since IS NULL AND registered_at < ${w.cutoff} AND ${JUDGED} < ${w.cutoff}
          AND (closed_at IS NULL OR closed_at >= ${w.cutoff})
          AND (status IN (${DEADLINE_STATE_LIST}) OR handled_at >= ${w.cutoff})`,
      ).as('overdueOpen'),
      sql<number>`SUM(CASE WHEN ${due} AND handling_ms IS NOT NULL THEN handling_ms ELSE 0 END)`.as('handlingMsSum'),
      sql<number>`SUM(CASE WHEN ${due} AND handling_ms IS NOT NULL THEN 1 ELSE 0 END)`.as('handlingCount'),
    ])
    // Only rows that can count for something in the window (the indexes on these columns apply).
    .where((eb) =>
      eb.or([
        eb.and([eb('reported_at', '>=', w.start), eb('reported_at', '<', w.cutoff)]),
        eb.and([eb('deadline', '<', w.cutoff), eb('status', '<>', 'voided')]),
        eb.and([eb('late_at', '<', w.cutoff), eb('status', '<>', 'voided')]),
        eb.and([eb('closed_at', '>=', w.start), eb('closed_at', '<', w.cutoff)]),
      ]),
    )
    .groupBy(sql.ref(col))
    .execute();
  const p90 = await p90ByGroup(ex, by, w);
  const out = new Map<string, StatsCounts>();
  for (const r of rows) {
    const key = r.key ?? '';
    const n = (v: unknown) => Number(v ?? 0);
    out.set(key, {
      reported: n(r.reported),
      registered: n(r.registered),
      dispatched: n(r.dispatched),
      due: n(r.due),
      closed: n(r.closed),
      closedOnTime: n(r.closedOnTime),
      handledOnTime: n(r.handledOnTime),
      feedbacks: n(r.feedbacks),
      reworks: n(r.reworks),
      returned: n(r.returned),
      extended: n(r.extended),
      overdueOpen: n(r.overdueOpen),
      handlingMsSum: n(r.handlingMsSum),
      handlingCount: n(r.handlingCount),
      handlingMsP90: p90.get(key) ?? null,
      ...ZERO_FIELD_COUNTS,
    });
  }
  return out;
}

/** 90th percentile (nearest rank: the value at rank ⌈0.9·n⌉) of handling time per group; `''` is the whole window. */
export async function p90ByGroup(ex: Executor, by: StatsGrouping | null, w: Window): Promise<Map<string, number>> {
  const key = by ? sql`${sql.ref(GROUP_COLUMN[by])}` : sql`''`;
  const rows = await sql<{ grp: string | null; p90: number }>`
    SELECT grp, MIN(h) AS p90 FROM (
      SELECT ${key} AS grp, handling_ms AS h,
        ROW_NUMBER() OVER (PARTITION BY ${key} ORDER BY handling_ms) AS rn,
        COUNT(*) OVER (PARTITION BY ${key}) AS n
      FROM incidents
      WHERE handling_ms IS NOT NULL AND ${dueCondition(w)}
    ) ranked
    WHERE rn >= 0.9 * n
    GROUP BY grp`.execute(ex);
  return new Map(rows.rows.map((r) => [r.grp ?? '', Number(r.p90)]));
}

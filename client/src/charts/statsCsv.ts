import { csvDocument } from '@streetchief/shared/export/csv';
import { INDICATOR_NAMES } from '@streetchief/shared/indicators/names';
import type { PublicGrouping, PublicStatsRow } from '../api/stats.ts';

/** The first column's head per grouping: the server's export heads (exports/columns.ts). */
const GROUP_HEAD: Record<PublicGrouping, string> = { department: '部门', street: '街道', grid: '网格', category: '案件小类' };

const pct = (v: number | null | undefined) => (v === null || v === undefined ? null : v);
const zh = (k: keyof typeof INDICATOR_NAMES) => INDICATOR_NAMES[k]['zh-CN'];

/**
 * The published figures of one period and grouping as CSV, with the heads of the server's
 * indicator export (上报数, 应结案数, 结案率(%) …) and the indicators' shared names: a visitor's
 * download of exactly the rows the page shows, the district total last.
 */
export function publicStatsCsv(by: PublicGrouping, rows: readonly PublicStatsRow[], total: PublicStatsRow | null): string {
  const header = [
    GROUP_HEAD[by],
    '上报数',
    '应结案数',
    '结案数',
    '按期结案数',
    `${zh('closureRate')}(%)`,
    `${zh('onTimeClosureRate')}(%)`,
    `${zh('reworkRate')}(%)`,
    `${zh('extensionRate')}(%)`,
    '超期未办结',
    '综合得分',
    `${zh('onTimeClosureRate')}环比(百分点)`,
  ];
  const line = (r: PublicStatsRow, label = r.label) => [
    label,
    r.reported,
    r.due,
    r.closed,
    r.closedOnTime,
    pct(r.closureRate),
    pct(r.onTimeClosureRate),
    pct(r.reworkRate),
    pct(r.extensionRate),
    r.overdueOpen,
    pct(r.score),
    pct(r.change.onTimeClosureRate),
  ];
  return csvDocument(header, [...rows.map((r) => line(r)), ...(total ? [line(total, '全区合计')] : [])]);
}

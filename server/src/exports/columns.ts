import { isOverdue, type Incident, type IncidentEvent } from '@streetchief/shared';
import type { StatsRow } from '@streetchief/shared/indicators/stats';
import type { Reference } from '../reference.ts';

/** One exported column: a Chinese header and how to read the value. */
export interface Column<T> {
  header: string;
  value: (row: T) => string | number | null;
}

const STATUS: Record<Incident['status'], string> = {
  reported: '待立案',
  registered: '待派遣',
  voided: '已作废',
  dispatched: '待受理',
  in_progress: '处置中',
  handled: '待核查',
  closed: '已结案',
  parked: '挂账',
};

// Building an Intl.DateTimeFormat costs far more than formatting with one (a year's export formats
// hundreds of thousands of times): one per time zone, made once.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Local time in the district's time zone, as people read it: 2026-11-29 08:30. */
export function localTime(iso: string | null, timeZone: string): string {
  if (!iso) return '';
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' });
    formatters.set(timeZone, f);
  }
  return f.format(new Date(iso));
}

/** Columns of a case export. */
export function caseColumns(ref: Reference, now: Date): Column<Incident>[] {
  const tz = ref.calendar.timeZone;
  const dept = (code: string | null) => (code ? (ref.departments.get(code)?.name ?? code) : '');
  return [
    // The case number people quote (案卷号); the internal id stays out of what is printed and sent.
    { header: '案卷号', value: (c) => c.caseNo ?? '' },
    { header: '上报时间', value: (c) => localTime(c.reportedAt, tz) },
    { header: '类型', value: (c) => (ref.classes.get(c.categoryCode)?.kind === 'component' ? '部件' : '事件') },
    { header: '大类', value: (c) => ref.classes.get(c.categoryCode)?.major ?? '' },
    { header: '小类', value: (c) => ref.classes.get(c.categoryCode)?.name ?? c.categoryCode },
    { header: '街道', value: (c) => ref.streets.find((s) => s.code === c.streetCode)?.name ?? c.streetCode },
    { header: '社区', value: (c) => ref.communities.find((s) => s.code === c.communityCode)?.name ?? c.communityCode },
    { header: '网格', value: (c) => ref.grid(c.gridCode)?.name ?? c.gridCode },
    { header: '网格编码', value: (c) => c.gridCode },
    { header: '状态', value: (c) => STATUS[c.status] },
    { header: '主办部门', value: (c) => dept(c.leadDept) },
    { header: '协办部门', value: (c) => c.assistDepts.map(dept).join('、') },
    { header: '处置时限', value: (c) => localTime(c.deadline, tz) },
    { header: '反馈时间', value: (c) => localTime(c.handledAt, tz) },
    { header: '结案时间', value: (c) => localTime(c.closedAt, tz) },
    { header: '是否超期', value: (c) => (isOverdue(c, now) ? '是' : '否') },
    { header: '返工次数', value: (c) => c.reworkCount },
    { header: '回退次数', value: (c) => c.returnCount },
    { header: '延期次数', value: (c) => c.extensionCount },
    { header: '督办级别', value: (c) => c.escalationLevel },
    { header: '问题描述', value: (c) => c.description },
  ];
}

const pct = (v: number | null) => (v === null ? '' : v);

/** Columns of an indicator export (one row per group). */
export function statsColumns(groupHeader: string): Column<StatsRow>[] {
  return [
    { header: groupHeader, value: (r) => r.label },
    { header: '上报数', value: (r) => r.reported },
    { header: '立案数', value: (r) => r.registered },
    { header: '应结案数', value: (r) => r.due },
    { header: '结案数', value: (r) => r.closed },
    { header: '按期结案数', value: (r) => r.closedOnTime },
    { header: '结案率(%)', value: (r) => pct(r.closureRate) },
    { header: '按期结案率(%)', value: (r) => pct(r.onTimeClosureRate) },
    { header: '按期处置率(%)', value: (r) => pct(r.onTimeHandlingRate) },
    { header: '返工率(%)', value: (r) => pct(r.reworkRate) },
    { header: '回退率(%)', value: (r) => pct(r.returnRate) },
    { header: '延期率(%)', value: (r) => pct(r.extensionRate) },
    { header: '超期未办结', value: (r) => r.overdueOpen },
    { header: '平均处置时长(工作小时)', value: (r) => pct(r.meanHandlingHours) },
    { header: '90%处置时长(工作小时)', value: (r) => pct(r.p90HandlingHours) },
    { header: '巡查覆盖率(%)', value: (r) => pct(r.patrolCoverage) },
    { header: '日报及时率(%)', value: (r) => pct(r.reportTimeliness) },
    { header: '综合得分', value: (r) => pct(r.score) },
    { header: '按期结案率环比(百分点)', value: (r) => pct(r.change.onTimeClosureRate ?? null) },
  ];
}

/** Columns of the joint meeting's minutes: one row per decision event. */
export function minutesColumns(ref: Reference): Column<IncidentEvent>[] {
  const tz = ref.calendar.timeZone;
  let n = 0;
  const redispatched = (e: IncidentEvent) => e.incident.status === 'dispatched' && e.incident.dispatchedAt === e.at;
  return [
    { header: '序号', value: () => ++n },
    { header: '决定时间', value: (e) => localTime(e.at, tz) },
    { header: '案卷号', value: (e) => e.incident.caseNo ?? '' },
    { header: '小类', value: (e) => ref.classes.get(e.incident.categoryCode)?.name ?? e.incident.categoryCode },
    { header: '街道', value: (e) => ref.streets.find((s) => s.code === e.incident.streetCode)?.name ?? e.incident.streetCode },
    { header: '社区', value: (e) => ref.communities.find((c) => c.code === e.incident.communityCode)?.name ?? e.incident.communityCode },
    { header: '网格', value: (e) => ref.grid(e.incident.gridCode)?.name ?? e.incident.gridCode },
    { header: '议定事项', value: (e) => e.reason ?? '' },
    { header: '是否改派', value: (e) => (redispatched(e) ? '是' : '否') },
    {
      header: '主办部门',
      value: (e) => (e.incident.leadDept ? (ref.departments.get(e.incident.leadDept)?.name ?? e.incident.leadDept) : ''),
    },
    { header: '处置时限', value: (e) => localTime(e.incident.deadline, tz) },
    { header: '责任人', value: (e) => e.incident.responsibleChief ?? '' },
    { header: '决定人', value: (e) => e.actor.name },
  ];
}

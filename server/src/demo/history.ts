import {
  applyAction,
  formatCaseNo,
  reportIncident,
  type ActionBody,
  type Actor,
  type CaseClass,
  type Grid,
  type Incident,
  type Located,
  type NewIncidentEvent,
  type Source,
  type Staff,
  type TimeLimit,
} from '@streetchief/shared';
import { Rng } from '@streetchief/shared/district/index';
import { interiorPoint } from '@streetchief/shared/geo/index';

export interface HistoryInput {
  now: Date;
  days: number;
  /** Leave out the newest `skipDays` days (to generate a long history in chunks). */
  skipDays?: number;
  /** Cases reported per day, [min, max]; default about 30. */
  perDay?: [number, number];
  grids: Grid[];
  staff: Staff[];
  classes: CaseClass[];
  locate: (lng: number, lat: number) => Located | null;
  deadline: (from: Date, limit: TimeLimit) => Date;
  workingMs: (from: Date, to: Date) => number;
  /** Actor ids of the demo desk accounts. */
  dispatcher: Actor;
  supervisor: Actor;
  deptHandler: (deptCode: string) => Actor;
  seed?: string;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Asia/Shanghai has had no daylight saving since 1991: a fixed offset is exact for demo times. */
const CST = 8 * HOUR;

/**
 * Plausible case history for the demo (cases not yet numbered: {@link numberCases} numbers a
 * history stored on its own, `insertIncidents` numbers what is added to a store in chunks): about 30 cases a day for `days` days up to `now`, each
 * walked through the workflow with the same pure transitions the server uses, stopping where
 * `now` catches up with it. So the newest cases are still waiting for registration, some are
 * overdue, some were returned, reworked, extended, parked or escalated, most are closed.
 */
export function generateHistory(input: HistoryInput): { incidents: Incident[]; events: NewIncidentEvent[] } {
  const rng = new Rng(input.seed ?? 'demo-history');
  const incidents: Incident[] = [];
  const events: NewIncidentEvent[] = [];
  const staffByGrid = new Map<string, Staff[]>();
  for (const s of input.staff) staffByGrid.set(s.gridCode, [...(staffByGrid.get(s.gridCode) ?? []), s]);
  const nowMs = input.now.getTime();
  const dayStart = Math.floor((nowMs + CST) / DAY) * DAY - CST; // today 00:00 in Shanghai

  const skip = input.skipDays ?? 0;
  const [lo, hi] = input.perDay ?? [22, 38];
  for (let d = skip + input.days - 1; d >= skip; d--) {
    const base = dayStart - d * DAY;
    const perDay = rng.int(lo, hi);
    for (let i = 0; i < perDay; i++) {
      const reportedAt = base + 7 * HOUR + rng.int(0, 13 * 60) * MIN;
      if (reportedAt > nowMs - 2 * MIN) continue;
      const grid = input.grids[rng.int(0, input.grids.length - 1)]!;
      const cls = input.classes[rng.int(0, input.classes.length - 1)]!;
      const staff = staffByGrid.get(grid.code) ?? [];
      const story = walk(rng, input, grid, cls, staff, reportedAt, nowMs);
      if (!story) continue;
      incidents.push(story.incident);
      events.push(...story.events);
    }
  }
  events.sort((a, b) => a.at.localeCompare(b.at));
  return { incidents, events };
}

/**
 * Give the generated cases their case numbers (案卷号) as the server would have: in the order they
 * were reported, per year of the report in district time, continuing after `start` (the numbers a
 * year already used). Every event's snapshot of a case gets its number. Returns the last number
 * given per year, for the counter rows.
 */
export function numberCases(
  incidents: Incident[],
  events: NewIncidentEvent[],
  start: ReadonlyMap<number, number> = new Map(),
): Map<number, number> {
  const last = new Map(start);
  const byId = new Map<string, string>();
  const order = [...incidents].sort((a, b) => a.reportedAt.localeCompare(b.reportedAt) || a.id.localeCompare(b.id));
  for (const c of order) {
    const year = new Date(Date.parse(c.reportedAt) + CST).getUTCFullYear();
    const n = (last.get(year) ?? 0) + 1;
    last.set(year, n);
    byId.set(c.id, formatCaseNo(year, n));
  }
  for (const c of incidents) c.caseNo = byId.get(c.id) ?? null;
  for (const e of events) e.incident = { ...e.incident, caseNo: byId.get(e.incident.id) ?? null };
  return last;
}

function walk(
  rng: Rng,
  input: HistoryInput,
  grid: Grid,
  cls: CaseClass,
  staff: Staff[],
  reportedAt: number,
  nowMs: number,
): { incident: Incident; events: NewIncidentEvent[] } | null {
  const point = jitteredPoint(rng, grid, input.locate);
  if (!point) return null;
  const checker = staff[0];
  const reporter: Actor = checker ? { id: `staff:${checker.id}`, role: 'grid_staff', name: checker.name } : input.dispatcher;
  const sources: Source[] = ['patrol', 'grid_staff', 'grid_staff', 'hotline', 'public', 'patrol'];
  const ctx = (at: number, actor: Actor) => ({ actor, now: new Date(at), deadline: input.deadline, workingMs: input.workingMs });
  const first = reportIncident(
    {
      id: uuidFrom(rng),
      category: cls.code,
      description: `${grid.name}发现${cls.name}问题，请及时处置。`,
      lng: point[0],
      lat: point[1],
      source: sources[rng.int(0, sources.length - 1)]!,
      photoIds: [],
    },
    point[2],
    cls,
    reporter.id.startsWith('staff:') ? null : reporter.id,
    ctx(reportedAt, reporter),
  );
  let c = first.incident;
  const events = [first.event];
  let t = reportedAt;
  const dept = input.deptHandler(cls.departmentCode);
  const checkActor: Actor = checker ? { id: `staff:${checker.id}`, role: 'grid_staff', name: checker.name } : input.dispatcher;

  /** Apply one step `delay` after the previous one, unless that lies in the future. */
  const step = (delay: number, actor: Actor, body: ActionBody): boolean => {
    const at = t + delay;
    if (at > nowMs) return false;
    const r = applyAction(c, body, cls, ctx(at, actor));
    c = r.incident;
    events.push(r.event);
    t = at;
    return true;
  };
  const v = () => c.version;
  const mins = (a: number, b: number) => rng.int(a, b) * MIN;

  if (rng.next() < 0.05) {
    step(mins(5, 60), input.dispatcher, { type: 'void', expectedVersion: v(), reason: '重复上报，已合并处理' });
    return { incident: c, events };
  }
  if (!step(mins(5, 50), input.dispatcher, { type: 'register', expectedVersion: v() })) return { incident: c, events };
  if (!step(mins(5, 40), input.dispatcher, { type: 'dispatch', expectedVersion: v(), leadDept: cls.departmentCode, assistDepts: [] }))
    return { incident: c, events };
  if (rng.next() < 0.08) {
    if (!step(mins(10, 90), dept, { type: 'return', expectedVersion: v(), reason: '非本单位职责，请重新派遣' }))
      return { incident: c, events };
    if (!step(mins(10, 60), input.dispatcher, { type: 'dispatch', expectedVersion: v(), leadDept: cls.departmentCode, assistDepts: [] }))
      return { incident: c, events };
  }
  if (!step(mins(5, 120), dept, { type: 'accept', expectedVersion: v() })) return { incident: c, events };
  if (rng.next() < 0.03) {
    step(mins(30, 300), input.supervisor, { type: 'park', expectedVersion: v(), reason: '涉及规划调整，需长期协调' });
    return { incident: c, events };
  }
  const deadline = Date.parse(c.deadline ?? new Date(t).toISOString());
  // An extension is asked for and decided before the deadline (policy.ts refuses it after).
  if (rng.next() < 0.06 && t + 180 * MIN < deadline) {
    const until = new Date(deadline + 2 * DAY).toISOString();
    if (!step(mins(10, 60), dept, { type: 'request_extension', expectedVersion: v(), reason: '需协调产权单位，申请延期', until }))
      return { incident: c, events };
    const ok = rng.next() < 0.7;
    const body: ActionBody = ok
      ? { type: 'approve_extension', expectedVersion: v() }
      : { type: 'reject_extension', expectedVersion: v(), reason: '请按期处置' };
    if (!step(mins(10, 120), input.dispatcher, body)) return { incident: c, events };
  }
  // Most handle before the deadline; about one in five runs over, some by days (some still open: overdue now).
  const late = rng.next() < 0.2;
  const target = Date.parse(c.deadline ?? new Date(t).toISOString());
  const handleAt = late ? target + rng.int(60, 6 * 24 * 60) * MIN : t + Math.max(MIN, (target - t) * rng.float(0.2, 0.9));
  if (late && rng.next() < 0.5 && handleAt > nowMs) {
    step(Math.max(MIN, target + 4 * HOUR - t), input.supervisor, { type: 'escalate', expectedVersion: v(), reason: '已超期，督办' });
  }
  if (!step(Math.max(MIN, handleAt - t), dept, { type: 'feedback', expectedVersion: v(), note: '已按要求处置完毕', photoIds: [] }))
    return { incident: c, events };
  if (rng.next() < 0.1) {
    if (!step(mins(30, 240), checkActor, { type: 'check_fail', expectedVersion: v(), reason: '现场仍未整改到位', photoIds: [] }))
      return { incident: c, events };
    if (!step(mins(60, 600), dept, { type: 'feedback', expectedVersion: v(), note: '已返工整改', photoIds: [] }))
      return { incident: c, events };
  }
  step(mins(30, 240), checkActor, { type: 'check_pass', expectedVersion: v(), photoIds: [] });
  return { incident: c, events };
}

/** A point inside the grid, a little off its centre so markers do not stack. */
function jitteredPoint(rng: Rng, grid: Grid, locate: HistoryInput['locate']): [number, number, Located] | null {
  const centre = interiorPoint(grid.polygon);
  if (!centre) return null;
  for (let i = 0; i < 5; i++) {
    const lng = +(centre[0] + rng.float(-0.0015, 0.0015)).toFixed(6);
    const lat = +(centre[1] + rng.float(-0.0012, 0.0012)).toFixed(6);
    const where = locate(lng, lat);
    if (where?.gridCode === grid.code) return [lng, lat, where];
  }
  const where = locate(centre[0], centre[1]);
  return where ? [centre[0], centre[1], where] : null;
}

/** A deterministic RFC 4122 v4-shaped id from the seeded stream. */
function uuidFrom(rng: Rng): string {
  const hex = Array.from({ length: 32 }, () => rng.int(0, 15).toString(16));
  hex[12] = '4';
  hex[16] = ((rng.int(0, 15) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

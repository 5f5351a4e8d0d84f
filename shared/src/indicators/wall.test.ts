import { describe, expect, it } from 'vitest';
import {
  computeWallKpis,
  countOpenByGrid,
  countReportsTodayBy,
  dayRange,
  isDueForClosure,
  overdueMostFirst,
  type WallIncident,
} from './wall.ts';

/** 2026-11-29 10:00 in Shanghai (UTC+8). */
const NOW = new Date('2026-11-29T02:00:00.000Z');

type Row = WallIncident & { id: string; gridCode: string; source: string };

function row(id: string, over: Partial<Row>): Row {
  return {
    id,
    gridCode: 'G1',
    source: 'patrol',
    status: 'registered',
    deadline: null,
    lateAt: null,
    // Yesterday in Shanghai unless a test says otherwise.
    reportedAt: '2026-11-28T01:00:00.000Z',
    closedAt: null,
    ...over,
  };
}

/**
 * Hand-built fixture. "Today" in Shanghai is 2026-11-28T16:00Z … 2026-11-29T16:00Z.
 *
 * | id | status      | reported          | deadline          | open | overdue | closed | due |
 * | a  | reported    | today 00:30 CST   | past              | ✓    |         |        |     |
 * | b  | registered  | yesterday         | past              | ✓    | ✓       |        | ✓   |
 * | c  | dispatched  | today 08:00 CST   | future            | ✓    |         |        |     |
 * | d  | in_progress | yesterday         | past (earliest)   | ✓    | ✓       |        | ✓   |
 * | e  | parked      | yesterday         | past              | ✓    |         |        |     |
 * | f  | closed      | yesterday         | future            |      |         | ✓      | ✓   |
 * | g  | closed      | today 09:00 CST   | past              |      |         | ✓      | ✓   |
 * | h  | voided      | today 09:30 CST   | null              |      |         |        |     |
 * | i  | handled     | 23:59 CST the day before (UTC date is "today") | null | ✓ |  |  |     |
 */
const FIXTURE: Row[] = [
  row('a', { status: 'reported', reportedAt: '2026-11-28T16:30:00.000Z', deadline: '2026-11-29T01:00:00.000Z', source: 'hotline' }),
  row('b', { status: 'registered', deadline: '2026-11-29T01:00:00.000Z', gridCode: 'G2' }),
  row('c', { status: 'dispatched', reportedAt: '2026-11-29T00:00:00.000Z', deadline: '2026-11-29T06:00:00.000Z' }),
  row('d', { status: 'in_progress', deadline: '2026-11-28T09:00:00.000Z', gridCode: 'G2' }),
  row('e', { status: 'parked', deadline: '2026-11-20T00:00:00.000Z' }),
  row('f', { status: 'closed', deadline: '2026-12-01T00:00:00.000Z', closedAt: '2026-11-28T10:00:00.000Z' }),
  row('g', {
    status: 'closed',
    reportedAt: '2026-11-29T01:00:00.000Z',
    deadline: '2026-11-29T01:30:00.000Z',
    closedAt: '2026-11-29T01:45:00.000Z',
  }),
  row('h', { status: 'voided', reportedAt: '2026-11-29T01:30:00.000Z', source: 'public' }),
  row('i', { status: 'handled', reportedAt: '2026-11-28T15:59:00.000Z' }),
];

describe('dayRange', () => {
  it('is the Shanghai calendar day, not the UTC one', () => {
    const { start, end } = dayRange(NOW);
    expect(new Date(start).toISOString()).toBe('2026-11-28T16:00:00.000Z');
    expect(new Date(end).toISOString()).toBe('2026-11-29T16:00:00.000Z');
  });

  it('rolls over at Shanghai midnight', () => {
    const { start } = dayRange(new Date('2026-11-29T16:00:00.000Z'));
    expect(new Date(start).toISOString()).toBe('2026-11-29T16:00:00.000Z');
  });
});

describe('computeWallKpis', () => {
  it('counts the hand-built fixture', () => {
    expect(computeWallKpis(FIXTURE, NOW)).toEqual({
      reportsToday: 4, // a, c, g, h (i was reported at 23:59 the day before, Shanghai time)
      open: 6, // a b c d e i
      overdue: 2, // b d (a is only a report, e is parked)
      closed: 2, // f g
      dueForClosure: 4, // b d f g
      closureRate: 0.5,
    });
  });

  it('has no closure rate when nothing is due', () => {
    const kpis = computeWallKpis([row('x', { status: 'dispatched', deadline: '2026-12-01T00:00:00.000Z' })], NOW);
    expect(kpis.dueForClosure).toBe(0);
    expect(kpis.closureRate).toBeNull();
  });

  it('is all zero for no cases', () => {
    expect(computeWallKpis([], NOW)).toEqual({ reportsToday: 0, open: 0, overdue: 0, closed: 0, dueForClosure: 0, closureRate: null });
  });
});

describe('isDueForClosure', () => {
  it('leaves parked, voided and unregistered reports out of the denominator', () => {
    const past = '2026-11-01T00:00:00.000Z';
    expect(isDueForClosure({ status: 'parked', deadline: past, lateAt: null }, NOW)).toBe(false);
    expect(isDueForClosure({ status: 'voided', deadline: past, lateAt: null }, NOW)).toBe(false);
    expect(isDueForClosure({ status: 'reported', deadline: past, lateAt: null }, NOW)).toBe(false);
    expect(isDueForClosure({ status: 'handled', deadline: past, lateAt: null }, NOW)).toBe(true);
    expect(isDueForClosure({ status: 'closed', deadline: null, lateAt: null }, NOW)).toBe(true);
    expect(isDueForClosure({ status: 'handled', deadline: null, lateAt: null }, NOW)).toBe(false);
  });
});

describe('breakdowns', () => {
  it('counts today by source', () => {
    const bySource = countReportsTodayBy(FIXTURE, NOW, (c) => c.source);
    expect(Object.fromEntries(bySource)).toEqual({ hotline: 1, patrol: 2, public: 1 });
  });

  it('lists overdue cases most overdue first', () => {
    expect(overdueMostFirst(FIXTURE, NOW).map((c) => c.id)).toEqual(['d', 'b']);
  });

  it('counts open and overdue per grid', () => {
    expect(Object.fromEntries(countOpenByGrid(FIXTURE, NOW))).toEqual({
      G1: { open: 4, overdue: 0 },
      G2: { open: 2, overdue: 2 },
    });
  });
});

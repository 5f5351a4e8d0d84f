import { describe, expect, it } from 'vitest';
import type { FilingOverview } from '../api/filing.ts';
import { dayChangeDelay, filingMarkChanges, filingTotals, gridFilingMarks, groupByStreet, staffState, type FilingMark } from './filing.ts';

const person = (userId: string, name: string, filedAt: string | null = null, late = false) => ({ userId, name, filedAt, late });

/** Two streets; the patrol officer `p1` has grids in both; `g3` has nobody expected. */
const overview: FilingOverview = {
  day: '2026-11-30',
  deadline: '2026-11-30T12:00:00.000Z',
  grids: [
    { gridCode: 'B02', streetCode: 'S2', staff: [person('p1', '巡查员甲', '2026-11-30T11:00:00.000Z')], filed: 1, expected: 1 },
    {
      gridCode: 'A01',
      streetCode: 'S1',
      staff: [person('p1', '巡查员甲', '2026-11-30T11:00:00.000Z'), person('g1', '网格员乙')],
      filed: 1,
      expected: 2,
    },
    {
      gridCode: 'A02',
      streetCode: 'S1',
      staff: [person('g2', '网格员丙', '2026-11-30T12:30:00.000Z', true), person('p1', '巡查员甲', '2026-11-30T11:00:00.000Z')],
      filed: 2,
      expected: 2,
    },
    { gridCode: 'A03', streetCode: 'S1', staff: [], filed: 0, expected: 0 },
  ],
  streets: [
    { streetCode: 'S1', name: '列东街道', gridsComplete: 1, gridsExpected: 2, filed: 2, expected: 3 },
    { streetCode: 'S2', name: '列西街道', gridsComplete: 1, gridsExpected: 1, filed: 1, expected: 1 },
    { streetCode: 'S3', name: '徐碧街道', gridsComplete: 0, gridsExpected: 0, filed: 0, expected: 0 },
  ],
};

describe('daily-report filing helpers', () => {
  it('tells on time, late and not filed apart', () => {
    expect(staffState(person('a', 'a'))).toBe('missing');
    expect(staffState(person('a', 'a', '2026-11-30T11:00:00Z'))).toBe('on_time');
    expect(staffState(person('a', 'a', '2026-11-30T13:00:00Z', true))).toBe('late');
  });

  it('marks a grid done only when every expected report is in, and leaves out grids nobody files for', () => {
    expect(Object.fromEntries(gridFilingMarks(overview))).toEqual({ B02: 'done', A01: 'due', A02: 'done' });
    expect(gridFilingMarks(null).size).toBe(0);
  });

  it('lists only the grids whose mark changes, clearing grids that dropped out', () => {
    const applied = new Map<string, FilingMark>([
      ['A01', 'due'],
      ['A02', 'due'],
      ['Z99', 'due'],
    ]);
    const wanted = gridFilingMarks(overview);
    expect(filingMarkChanges(applied, wanted)).toEqual([
      { code: 'Z99', mark: null },
      { code: 'B02', mark: 'done' },
      { code: 'A02', mark: 'done' },
    ]);
    expect(filingMarkChanges(wanted, wanted)).toEqual([]);
  });

  it('counts each person once across grids and streets', () => {
    expect(filingTotals(overview)).toEqual({
      expected: 3,
      filed: 2,
      onTime: 1,
      late: 1,
      missing: 1,
      gridsExpected: 3,
      gridsComplete: 2,
    });
    expect(filingTotals(null)).toMatchObject({ expected: 0, filed: 0, gridsExpected: 0 });
  });

  it('groups by street in the server’s order, grids by code, people not filed first', () => {
    const groups = groupByStreet(overview);
    expect(groups.map((s) => s.streetCode)).toEqual(['S1', 'S2']);
    expect(groups[0]!.grids.map((g) => g.gridCode)).toEqual(['A01', 'A02']);
    expect(groups[0]!.grids[0]!.staff.map((p) => p.userId)).toEqual(['g1', 'p1']);
    expect(groups[0]!.grids[1]!.staff.map((p) => p.userId)).toEqual(['g2', 'p1']);
    expect(groups[0]).toMatchObject({ name: '列东街道', filed: 2, expected: 3, gridsComplete: 1, gridsExpected: 2 });
  });

  it('keeps a grid whose street the answer does not list', () => {
    const odd: FilingOverview = { ...overview, streets: [] };
    expect(groupByStreet(odd).flatMap((s) => s.grids.map((g) => g.gridCode))).toEqual(['B02', 'A01', 'A02']);
  });

  it('waits for the end of the server’s day in Shanghai, plus slack, and never for a past moment', () => {
    // 2026-11-30 ends at 2026-11-30T16:00Z (Asia/Shanghai is UTC+8).
    const end = Date.parse('2026-11-30T16:00:00Z');
    expect(dayChangeDelay('2026-11-30', end - 60_000, 3000)).toBe(63_000);
    expect(dayChangeDelay('2026-11-30', end + 2999, 3000)).toBe(1);
    expect(dayChangeDelay('2026-11-30', end + 3000, 3000)).toBeNull();
  });
});

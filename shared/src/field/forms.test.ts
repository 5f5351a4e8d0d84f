import { describe, expect, it } from 'vitest';
import { dayBounds, dayOf, timeOnDay } from '../calendar/day.ts';
import { ChecklistSchema, effectiveSubmittedAt, emptyChecklist, SubmitDailyReportSchema } from './dailyReport.ts';
import { filingStatus } from './filing.ts';

describe('days in Asia/Shanghai', () => {
  it('cuts days at local midnight', () => {
    expect(dayOf('2026-11-29T15:59:59Z')).toBe('2026-11-29');
    expect(dayOf('2026-11-29T16:00:00Z')).toBe('2026-11-30');
    expect(dayBounds('2026-11-30')).toEqual({ start: Date.parse('2026-11-29T16:00:00Z'), end: Date.parse('2026-11-30T16:00:00Z') });
    expect(timeOnDay('2026-11-30', '20:00').toISOString()).toBe('2026-11-30T12:00:00.000Z');
  });
});

describe('daily report', () => {
  it('fills missing checklist items with zero and bounds counts', () => {
    const parsed = ChecklistSchema.parse({ sanitation: { count: 2, note: '两处' } });
    expect(parsed).toEqual({ ...emptyChecklist(), sanitation: { count: 2, note: '两处' } });
    expect(ChecklistSchema.safeParse({ other: { count: -1 } }).success).toBe(false);
    const body = { id: '00000000-0000-4000-8000-000000000001', day: '2026-11-30', submittedAt: '2026-11-30T11:50:00Z', checklist: {} };
    expect(SubmitDailyReportSchema.parse(body).notes).toBe('');
    expect(SubmitDailyReportSchema.safeParse({ ...body, day: '2026-13-01' }).success).toBe(false);
  });

  it('takes the phone time of an offline submission, but never a future or stale one', () => {
    const received = new Date('2026-11-30T13:00:00Z');
    expect(effectiveSubmittedAt('2026-11-30T11:50:00Z', received).toISOString()).toBe('2026-11-30T11:50:00.000Z');
    expect(effectiveSubmittedAt('2026-12-30T11:50:00Z', received)).toEqual(received);
    expect(effectiveSubmittedAt('2026-10-01T00:00:00Z', received).toISOString()).toBe('2026-11-29T13:00:00.000Z');
  });

  it('says per grid and per street who has and has not filed', () => {
    const grids = [
      { code: 'g1', streetCode: 's1' },
      { code: 'g2', streetCode: 's1' },
      { code: 'g3', streetCode: 's2' },
    ];
    const filers = [
      { userId: 'p', name: '巡查员', role: 'patrol' as const, gridCodes: ['g1', 'g2'] },
      { userId: 'g', name: '网格员', role: 'grid_staff' as const, gridCodes: ['g1'] },
      { userId: 'd', name: '调度', role: 'dispatcher' as const, gridCodes: ['g3'] },
    ];
    const { grids: byGrid, streets } = filingStatus(filers, [{ userId: 'p', submittedAt: '2026-11-30T11:00:00Z', late: false }], grids);
    expect(byGrid.map((g) => [g.gridCode, g.filed, g.expected])).toEqual([
      ['g1', 1, 2],
      ['g2', 1, 1],
    ]);
    expect(byGrid[0]!.staff.find((s) => s.userId === 'g')!.filedAt).toBeNull();
    expect(streets).toEqual([
      { streetCode: 's1', gridsComplete: 1, gridsExpected: 2, filed: 1, expected: 2 },
      { streetCode: 's2', gridsComplete: 0, gridsExpected: 0, filed: 0, expected: 0 },
    ]);
  });
});

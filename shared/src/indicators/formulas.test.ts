import { describe, expect, it } from 'vitest';
import { percent, ratesOf, SCORE_WEIGHTS, scoreOf, ZERO_FIELD_COUNTS } from './formulas.ts';
import type { StatsCounts } from './stats.ts';

const zero: StatsCounts = {
  reported: 0,
  registered: 0,
  dispatched: 0,
  due: 0,
  closed: 0,
  closedOnTime: 0,
  handledOnTime: 0,
  feedbacks: 0,
  reworks: 0,
  returned: 0,
  extended: 0,
  overdueOpen: 0,
  handlingMsSum: 0,
  handlingCount: 0,
  handlingMsP90: null,
  ...ZERO_FIELD_COUNTS,
};

describe('indicator formulas', () => {
  it('Tianmen, one December: 972 due, 911 closed → 93.72%; 737 on time → 75.82%', () => {
    const r = ratesOf({ ...zero, due: 972, closed: 911, closedOnTime: 737, handledOnTime: 800 });
    expect(r.closureRate).toBe(93.72);
    expect(r.onTimeClosureRate).toBe(75.82);
  });

  it('patrol coverage and daily-report timeliness', () => {
    const r = ratesOf({ ...zero, gridDays: 165 * 30, patrolledGridDays: 4125, reportsExpected: 600, reportsOnTime: 540 });
    expect(r.patrolCoverage).toBe(83.33); // 4125 ÷ 4950
    expect(r.reportTimeliness).toBe(90);
  });

  it('nothing due gives no rate rather than 0% or 100%', () => {
    expect(percent(0, 0)).toBeNull();
    expect(ratesOf(zero)).toMatchObject({ closureRate: null, onTimeClosureRate: null, score: null, meanHandlingHours: null });
  });

  it('rework rate is failed checks over feedbacks; handling hours from working ms', () => {
    const r = ratesOf({
      ...zero,
      due: 10,
      closed: 10,
      closedOnTime: 10,
      handledOnTime: 10,
      feedbacks: 12,
      reworks: 2,
      handlingMsSum: 3 * 3_600_000 * 4,
      handlingCount: 4,
      handlingMsP90: 5.5 * 3_600_000,
    });
    expect(r.reworkRate).toBe(16.67);
    expect(r.meanHandlingHours).toBe(3);
    expect(r.p90HandlingHours).toBe(5.5);
  });

  it('the score weights sum to 1 and a perfect department scores 100', () => {
    expect(Object.values(SCORE_WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(
      scoreOf({ closureRate: 100, onTimeClosureRate: 100, onTimeHandlingRate: 100, reworkRate: 0, returnRate: 0, extensionRate: 0 }),
    ).toBe(100);
    // 0.4×75.82 + 0.2×93.72 + 0.15×80 + 0.1×(100−10) + 0.1×(100−5) + 0.05×(100−2)
    //   = 30.328 + 18.744 + 12 + 9 + 9.5 + 4.9 = 84.472
    expect(
      scoreOf({ closureRate: 93.72, onTimeClosureRate: 75.82, onTimeHandlingRate: 80, reworkRate: 10, returnRate: 5, extensionRate: 2 }),
    ).toBe(84.47);
  });
});

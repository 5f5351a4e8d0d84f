import { describe, expect, it } from 'vitest';
import type { PublicStatsRow } from '../api/stats.ts';
import { publicStatsCsv } from './statsCsv.ts';

const row = (over: Partial<PublicStatsRow>): PublicStatsRow => ({
  key: 'E0101',
  label: '暴露垃圾',
  reported: 12,
  due: 10,
  closed: 8,
  closedOnTime: 6,
  overdueOpen: 1,
  closureRate: 80,
  onTimeClosureRate: 60,
  reworkRate: null,
  extensionRate: 10,
  score: 71.25,
  change: { onTimeClosureRate: -2.5 },
  ...over,
});

describe('the public figures as CSV', () => {
  it('heads the columns like the server export and ends with the district total', () => {
    const csv = publicStatsCsv('category', [row({}), row({ key: 'x', label: '=cmd', change: {} })], row({ key: '', label: '合计' }));
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      '案件小类,上报数,应结案数,结案数,按期结案数,结案率(%),按期结案率(%),返工率(%),延期率(%),超期未办结,综合得分,按期结案率环比(百分点)',
    );
    expect(lines[1]).toBe('暴露垃圾,12,10,8,6,80,60,,10,1,71.25,-2.5');
    // A label that would run as a formula is written as text; a missing change is an empty cell.
    expect(lines[2]).toBe("'=cmd,12,10,8,6,80,60,,10,1,71.25,");
    expect(lines[3]).toMatch(/^全区合计,/);
    expect(lines[4]).toBe('');
    expect(csv.startsWith('\uFEFF')).toBe(true);
  });
});

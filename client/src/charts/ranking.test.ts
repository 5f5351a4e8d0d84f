import { describe, expect, it } from 'vitest';
import { bestAndWorst, formatPoints, formatRate, rankBy } from './ranking.ts';

const row = (key: string, label: string, score: number | null) => ({ key, label, score });

describe('rankings', () => {
  it('orders best first with shared ranks on ties, unranked rows last, the unassigned bucket left out', () => {
    const ranked = rankBy(
      [row('a', 'A', 80), row('', '未派遣', 10), row('b', 'B', 95.5), row('c', 'C', null), row('d', 'D', 80), row('e', 'E', 60)],
      (r) => r.score,
    );
    expect(ranked.map((r) => [r.row.key, r.rank])).toEqual([
      ['b', 1],
      ['a', 2],
      ['d', 2],
      ['e', 4],
      ['c', null],
    ]);
  });

  it('ranks ascending when lower is better', () => {
    const ranked = rankBy([row('a', 'A', 3), row('b', 'B', 1)], (r) => r.score, 'asc');
    expect(ranked.map((r) => r.row.key)).toEqual(['b', 'a']);
  });

  it('names the best and the worst only when there is a difference between two ranked units', () => {
    const ranked = rankBy([row('a', 'A', 70), row('b', 'B', 90), row('c', 'C', null)], (r) => r.score);
    const bw = bestAndWorst(ranked)!;
    expect(bw.best.row.key).toBe('b');
    expect(bw.worst.row.key).toBe('a');
    expect(bestAndWorst(rankBy([row('a', 'A', 70)], (r) => r.score))).toBeNull();
    expect(bestAndWorst(rankBy([row('a', 'A', 70), row('b', 'B', 70)], (r) => r.score))).toBeNull();
  });

  it('formats rates and changes in points', () => {
    expect(formatRate(93.72)).toBe('93.7%');
    expect(formatRate(null)).toBe('—');
    expect(formatPoints(2.34)).toBe('+2.3');
    expect(formatPoints(-1)).toBe('−1.0');
    expect(formatPoints(0)).toBe('±0.0');
    expect(formatPoints(undefined)).toBeNull();
  });
});

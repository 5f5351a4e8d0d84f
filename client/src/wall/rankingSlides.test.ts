import { describe, expect, it } from 'vitest';
import type { PublicStatsRow } from '../api/stats.ts';
import { buildSlides } from './rankingSlides.ts';

const row = (key: string, score: number | null, onTime: number | null) =>
  ({ key, label: key.toUpperCase(), score, onTimeClosureRate: onTime }) as PublicStatsRow;

describe('ranking carousel slides', () => {
  it('pages departments by score, then streets by on-time rate', () => {
    const depts = [row('a', 70, 50), row('b', 90, 10), row('c', 80, 99), row('d', null, null), row('e', 60, 60)];
    const streets = [row('s1', 10, 72.5), row('s2', 99, 80)];
    const slides = buildSlides(depts, streets, 2);
    expect(slides.map((s) => [s.id, s.page, s.pages, s.rows.map((r) => r.key)])).toEqual([
      ['departments-1', 1, 3, ['b', 'c']],
      ['departments-2', 2, 3, ['a', 'e']],
      ['departments-3', 3, 3, ['d']],
      ['streets-1', 1, 1, ['s2', 's1']],
    ]);
    expect(slides[0]!.rows[0]).toMatchObject({ rank: 1, display: '90.0', value: 90 });
    expect(slides[3]!.rows[1]).toMatchObject({ rank: 2, display: '72.5%' });
    expect(slides[2]!.rows[0]).toMatchObject({ rank: null, display: '—' });
  });

  it('has no slides without figures, and at least one row per page', () => {
    expect(buildSlides([], [], 4)).toEqual([]);
    expect(buildSlides([row('a', 1, 1)], [], 0)[0]!.rows).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../api/cases.ts';
import { beforeAfter, feedbackOf } from './feedback.ts';

const entry = (seq: number, kind: string, at: string, reason: string | null = null, name = '环卫处置员'): HistoryEntry =>
  ({ seq, kind, at, reason, actor: { id: 'u', role: 'dept_handler', name }, incident: {} }) as unknown as HistoryEntry;
const photo = (n: number, stage: 'report' | 'feedback' | 'check', at: string) => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  stage,
  at,
});

describe('the check card: the department’s result, before and after', () => {
  it('takes the latest feedback note, and the round that began with the last failed check', () => {
    const history = [
      entry(1, 'report', '2026-12-01T01:00:00Z'),
      entry(2, 'feedback', '2026-12-01T03:00:00Z', '已清运'),
      entry(3, 'check_fail', '2026-12-01T04:00:00Z', '仍有残留'),
      entry(4, 'feedback', '2026-12-01T06:00:00Z', '已全部清理干净'),
    ];
    expect(feedbackOf(history, 9)).toEqual({
      version: 9,
      who: '环卫处置员',
      at: '2026-12-01T06:00:00Z',
      note: '已全部清理干净',
      roundStart: '2026-12-01T04:00:00Z',
    });
    expect(feedbackOf(history.slice(0, 2), 3)?.roundStart).toBeNull();
    expect(feedbackOf(history.slice(0, 1), 1)).toBeNull();
  });

  it('puts the report photos before, the current round’s result photos after, and leaves check photos out', () => {
    const photos = [
      photo(1, 'report', '2026-12-01T01:00:00Z'),
      photo(2, 'feedback', '2026-12-01T03:00:00Z'),
      photo(3, 'check', '2026-12-01T04:00:00Z'),
      photo(4, 'feedback', '2026-12-01T06:00:00Z'),
    ];
    const first = beforeAfter(photos, null);
    expect([first.before.map((p) => p.id.at(-1)), first.after.map((p) => p.id.at(-1))]).toEqual([['1'], ['2', '4']]);
    const second = beforeAfter(photos, '2026-12-01T04:00:00Z');
    expect(second.after.map((p) => p.id.at(-1))).toEqual(['4']);
  });
});

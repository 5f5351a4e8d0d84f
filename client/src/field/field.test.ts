import { describe, expect, it } from 'vitest';
import type { OutboxItem, OutboxPayload } from './outbox/items.ts';
import { withoutPhoto } from './outbox/items.ts';
import { groupRows } from './outbox/OutboxSheet.tsx';
import { matchesClass } from './report/recentClasses.ts';

const item = (seq: number, group: string, payload: OutboxPayload, failed: OutboxItem['failed'] = null): OutboxItem => ({
  seq,
  group,
  createdAt: 0,
  attempts: 0,
  failed,
  lastError: null,
  label: '暴露垃圾',
  payload,
});
const report = (photoIds: string[]): OutboxPayload => ({
  kind: 'report',
  body: { id: 'r', category: 'E0101', description: 'x', lng: 0, lat: 0, source: 'patrol', photoIds },
});

describe('field helpers', () => {
  it('finds classes by name, major class, code or letters in order', () => {
    const c = { code: 'E0101', name: '暴露垃圾', major: '市容环境' };
    expect(matchesClass(c, '垃圾')).toBe(true);
    expect(matchesClass(c, '市容')).toBe(true);
    expect(matchesClass(c, 'e0101')).toBe(true);
    expect(matchesClass(c, '暴垃')).toBe(true);
    expect(matchesClass(c, '井盖')).toBe(false);
    expect(matchesClass(c, '  ')).toBe(true);
  });

  it('lists a report with its photos as one row, track points of a patrol as one, refusals apart', () => {
    const rows = groupRows([
      item(1, 'a', { kind: 'photo', photoId: 'p1' }),
      item(2, 'a', report(['p1'])),
      item(3, 'patrol', { kind: 'track', patrolId: 'x', points: [{ t: '2026-12-01T01:00:00Z', lng: 0, lat: 0 }] }),
      item(4, 'patrol', { kind: 'track', patrolId: 'x', points: [{ t: '2026-12-01T01:00:10Z', lng: 0, lat: 0 }] }),
      item(5, 'b', { kind: 'photo', photoId: 'p2' }, { status: 400, reason: 'not an image' }),
      item(6, 'b', report([])),
    ]);
    expect(rows.map((r) => [r.kind, r.count, r.photos, r.failed?.status ?? null])).toEqual([
      ['report', 1, 1, null],
      ['track', 2, 0, null],
      ['photo', 0, 1, 400],
      ['report', 1, 0, null],
    ]);
  });

  it('takes a refused photo out of the steps that use it', () => {
    expect(withoutPhoto(report(['p1', 'p2']), 'p1')).toEqual(report(['p2']));
    expect(withoutPhoto(report(['p2']), 'p1')).toBeNull();
    const check: OutboxPayload = { kind: 'check', incidentId: 'c', body: { type: 'check_pass', expectedVersion: 5, photoIds: ['p1'] } };
    expect(withoutPhoto(check, 'p1')).toMatchObject({ body: { photoIds: [] } });
  });
});

import { describe, expect, it } from 'vitest';
import { bboxAround, DUPLICATE_RULE, duplicateSince, likelyDuplicates, type DuplicateCandidate } from './duplicates.ts';

const M = 1 / 111_195;
const AT = new Date('2026-06-10T02:00:00Z');
const ago = (ms: number) => new Date(AT.getTime() - ms).toISOString();
const DAY = 86_400_000;
const c = (id: string, dm: number, extra: Partial<DuplicateCandidate> = {}): DuplicateCandidate => ({
  id,
  categoryCode: 'E0101',
  status: 'reported',
  lng: 117.6,
  lat: 26.24 + dm * M,
  reportedAt: ago(14_000),
  ...extra,
});
const report = { category: 'E0101', lng: 117.6, lat: 26.24, at: AT };
const ids = (cases: DuplicateCandidate[], r = report) => likelyDuplicates(cases, r).map((d) => d.incident.id);

describe('likely duplicates (the one rule of the phone and the server)', () => {
  it('offers cases of the same class within 50 m, nearest first', () => {
    const found = likelyDuplicates(
      [c('far', 60), c('near', 30), c('nearer', 5), c('edge', 49.9), c('other', 1, { categoryCode: 'E0102' })],
      report,
    );
    expect(found.map((d) => d.incident.id)).toEqual(['nearer', 'near', 'edge']);
    expect(found[0]!.distanceM).toBeCloseTo(5, 0);
    expect(found[1]!.distanceM).toBeCloseTo(30, 0);
  });

  it('counts cases reported in the last 7 days, open or closed, but never a voided one', () => {
    const cases = [
      c('closed', 1, { status: 'closed', reportedAt: ago(2 * DAY) }),
      c('voided', 2, { status: 'voided' }),
      c('six-days', 3, { status: 'dispatched', reportedAt: ago(6 * DAY) }),
      c('seven-days', 4, { reportedAt: ago(7 * DAY) }),
      c('eight-days', 5, { status: 'dispatched', reportedAt: ago(8 * DAY) }),
      c('unknown-time', 6, { reportedAt: '' }),
    ];
    expect(ids(cases)).toEqual(['closed', 'six-days', 'seven-days']);
    expect(duplicateSince(AT)).toBe(ago(7 * DAY));
  });

  it('keeps the nearest five, ties in id order', () => {
    const many = ['e', 'd', 'c', 'b', 'a', 'f'].map((id) => c(id, 10));
    expect(ids([...many, c('z', 1)])).toEqual(['z', 'a', 'b', 'c', 'd']);
    expect(DUPLICATE_RULE.max).toBe(5);
  });

  it('gives a bbox that holds the radius', () => {
    const [w, s, e, n] = bboxAround(117.6, 26.24, 50);
    expect((n - s) / 2 / M).toBeCloseTo(50, 0);
    expect(e - w).toBeGreaterThan(n - s);
  });
});

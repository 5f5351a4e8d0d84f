import { describe, expect, it } from 'vitest';
import { duplicateNotice, earlierBy } from './possibleDuplicates.ts';

const dup = (n: number, distanceM: number, sameReporter: boolean) => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  caseNo: `2026-00012${n}`,
  distanceM,
  reportedAt: '2026-12-01T01:59:20.000Z',
  sameReporter,
});
const incident = { id: 'a', caseNo: '2026-000130', reportedAt: '2026-12-01T02:00:00.000Z', categoryCode: 'E0101' };

describe('the possible-duplicate notice after a report is accepted', () => {
  it('reads the list beside the case or on it, nearest first, and nothing when there is none', () => {
    expect(duplicateNotice({ incident, possibleDuplicates: [dup(1, 30, false), dup(2, 4, true)] })?.list.map((d) => d.distanceM)).toEqual([
      4, 30,
    ]);
    expect(duplicateNotice({ incident: { ...incident, possibleDuplicates: [dup(3, 12, true)] } })).toMatchObject({
      caseNo: '2026-000130',
      list: [{ caseNo: '2026-000123', sameReporter: true }],
    });
    expect(duplicateNotice({ incident, possibleDuplicates: [] })).toBeNull();
    expect(duplicateNotice({ incident })).toBeNull();
    expect(duplicateNotice(null)).toBeNull();
  });

  it('says how long before the new report the reporter’s own came, in seconds, minutes or hours', () => {
    expect(earlierBy('2026-12-01T02:00:00Z', '2026-12-01T01:59:20Z')).toEqual({ unit: 'seconds', n: 40 });
    expect(earlierBy('2026-12-01T02:00:00Z', '2026-12-01T01:30:00Z')).toEqual({ unit: 'minutes', n: 30 });
    expect(earlierBy('2026-12-01T02:00:00Z', '2026-11-30T20:00:00Z')).toEqual({ unit: 'hours', n: 6 });
    expect(earlierBy('2026-12-01T02:00:00Z', '2026-12-01T02:00:05Z')).toEqual({ unit: 'seconds', n: 0 });
  });
});

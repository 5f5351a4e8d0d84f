import { describe, expect, it } from 'vitest';
import type { Incident } from '@streetchief/shared/domain/incident';
import { groupAgenda, liveAgendaCases, mergeMinutes, minuteFromAnswer, minuteFromEvent } from './model.ts';

const now = new Date('2026-12-10T02:00:00Z');
const base = {
  status: 'in_progress',
  deadline: '2026-12-11T00:00:00Z',
  escalationLevel: 0,
  returnCount: 0,
  reworkCount: 0,
  version: 3,
  dispatchedAt: '2026-12-01T00:00:00Z',
  updatedAt: '2026-12-09T00:00:00Z',
} as const;
const inc = (id: string, over: Partial<Incident> = {}) => ({ ...base, id, ...over }) as Incident;
const actor = { id: 'u1', role: 'supervisor', name: '督查员' };

describe('meeting agenda from the live state', () => {
  it('groups each case once under its most serious reason and counts every reason', () => {
    const cases = liveAgendaCases(
      [
        inc('a', { deadline: '2026-12-09T02:00:00Z' }),
        inc('b', { deadline: '2026-12-10T01:00:00Z', escalationLevel: 1 }),
        inc('c', { escalationLevel: 2 }),
        inc('d', { returnCount: 1, status: 'registered', reworkCount: 2 }),
        inc('e', { status: 'closed', deadline: '2026-12-01T00:00:00Z', escalationLevel: 1 }),
        inc('f'),
      ],
      now,
    );
    const g = groupAgenda(cases);
    expect(g.groups.map((x) => [x.reason, x.items.map((i) => i.incident.id)])).toEqual([
      ['overdue', ['a', 'b']],
      ['escalated', ['c']],
      ['returned', ['d']],
    ]);
    expect(g.counts).toEqual({ overdue: 2, escalated: 2, returned: 1, reworked: 1 });
    expect(g.total).toBe(4);
  });

  it('drops a case from the agenda once it is closed or its deadline moves (live updates)', () => {
    const overdue = inc('a', { deadline: '2026-12-09T02:00:00Z' });
    expect(liveAgendaCases([overdue], now)).toHaveLength(1);
    expect(liveAgendaCases([{ ...overdue, status: 'closed' }], now)).toHaveLength(0);
    expect(liveAgendaCases([{ ...overdue, deadline: '2026-12-12T00:00:00Z' }], now)).toHaveLength(0);
  });
});

describe('minutes', () => {
  const decided = inc('a', {
    version: 4,
    status: 'dispatched',
    leadDept: 'cgj',
    dispatchedAt: '2026-12-10T02:00:00.000Z',
    updatedAt: '2026-12-10T02:00:00.000Z',
  });

  it('takes decide events only, and tells a re-dispatch from a deadline or a note', () => {
    const e = { seq: 9, kind: 'decide' as const, at: decided.updatedAt, actor, reason: '改派城管', incident: decided };
    expect(minuteFromEvent(e)).toMatchObject({ key: 'a@4', seq: 9, who: '督查员', note: '改派城管', redispatched: true });
    expect(minuteFromEvent({ ...e, kind: 'escalate' })).toBeNull();
    const noteOnly = inc('b', { version: 5, updatedAt: '2026-12-10T02:00:00.000Z' });
    expect(minuteFromEvent({ ...e, incident: noteOnly })?.redispatched).toBe(false);
  });

  it('keeps one entry per decision, the event replacing the local copy, oldest first', () => {
    const local = minuteFromAnswer(decided, '督查员', '改派城管');
    const other = minuteFromAnswer(inc('b', { version: 2, updatedAt: '2026-12-10T01:00:00.000Z' }), '街长', '限期办结');
    let m = mergeMinutes([], [local]);
    m = mergeMinutes(m, [other]);
    expect(m.map((x) => x.key)).toEqual(['b@2', 'a@4']);
    const fromEvent = minuteFromEvent({ seq: 12, kind: 'decide', at: decided.updatedAt, actor, reason: '改派城管', incident: decided })!;
    m = mergeMinutes(m, [fromEvent]);
    expect(m).toHaveLength(2);
    expect(m[1]!.seq).toBe(12);
    // A later local copy does not replace the event's.
    expect(mergeMinutes(m, [local])).toBe(m);
  });
});

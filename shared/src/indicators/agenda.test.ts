import { describe, expect, it } from 'vitest';
import type { Incident } from '../domain/incident.ts';
import type { StatsRow } from './stats.ts';
import { agendaReasons, buildAgenda } from './agenda.ts';

const now = new Date('2026-12-10T02:00:00Z');
const base = { status: 'in_progress', deadline: '2026-12-11T00:00:00Z', escalationLevel: 0, returnCount: 0, reworkCount: 0 } as const;
const inc = (id: string, over: Partial<Incident>) => ({ ...base, id, ...over }) as Incident;
const row = (key: string, due: number, score: number | null, onTime: number | null) =>
  ({ key, label: key, due, score, onTimeClosureRate: onTime }) as StatsRow;

describe('joint meeting agenda', () => {
  it('lists overdue, escalated, returned and repeatedly reworked open cases, most overdue first', () => {
    const cases = [
      inc('a', { deadline: '2026-12-09T02:00:00Z' }), // 24 h over
      inc('b', { deadline: '2026-12-10T01:00:00Z', escalationLevel: 1 }), // 1 h over, escalated
      inc('c', { returnCount: 1, status: 'registered' }),
      inc('d', { reworkCount: 2 }),
      inc('e', { reworkCount: 1 }), // once is not "repeatedly"
      inc('f', { status: 'closed', deadline: '2026-12-01T00:00:00Z', escalationLevel: 2 }), // closed: off the agenda
      inc('g', {}),
    ];
    const agenda = buildAgenda(cases, [], [], now);
    expect(agenda.cases.map((x) => [x.incident.id, x.reasons, x.hoursOverdue])).toEqual([
      ['a', ['overdue'], 24],
      ['b', ['overdue', 'escalated'], 1],
      ['c', ['returned'], 0],
      ['d', ['reworked'], 0],
    ]);
    expect(agendaReasons(cases[4]!, now)).toEqual([]);
  });

  it('names the worst departments by score and the worst grids by on-time rate, ignoring those with nothing due', () => {
    const depts = [row('hwc', 10, 90, 80), row('cgj', 12, 60, 50), row('szj', 0, null, null), row('gaj', 5, 75, 70), row('', 3, 10, 10)];
    const grids = [row('g1', 4, 80, 90), row('g2', 4, 70, 40), row('g3', 1, 99, 100)];
    const agenda = buildAgenda([], depts, grids, now, { departments: 2, grids: 2 });
    expect(agenda.departments.map((r) => r.key)).toEqual(['cgj', 'gaj']);
    expect(agenda.grids.map((r) => r.key)).toEqual(['g2', 'g1']);
  });
});

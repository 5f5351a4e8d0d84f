import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PatrolPosition } from '@streetchief/shared';
import { PositionThrottle } from './positionThrottle.ts';

const pos = (userId: string, sec: number, status: PatrolPosition['status'] = 'active'): PatrolPosition => ({
  patrolId: `p-${userId}`,
  userId,
  name: userId,
  status,
  lng: 117.6,
  lat: 26.24,
  at: new Date(Date.UTC(2026, 11, 1, 1, 0, sec)).toISOString(),
  gridCode: null,
  streetCode: null,
});

afterEach(() => vi.useRealTimers());

describe('position throttle', () => {
  it('sends the first position at once and the newest of a burst when the window ends, per user', () => {
    vi.useFakeTimers();
    const sent: PatrolPosition[] = [];
    const t = new PositionThrottle(
      (p) => sent.push(p),
      5000,
      () => Date.now(),
    );
    t.offer(pos('a', 0));
    t.offer(pos('a', 1));
    t.offer(pos('a', 3));
    t.offer(pos('a', 2)); // older than the one waiting: ignored
    t.offer(pos('b', 0));
    expect(sent.map((p) => `${p.userId}${p.at.slice(17, 19)}`)).toEqual(['a00', 'b00']);
    vi.advanceTimersByTime(5000);
    expect(sent.map((p) => `${p.userId}${p.at.slice(17, 19)}`)).toEqual(['a00', 'b00', 'a03']);
    t.offer(pos('a', 9, 'finished'));
    vi.advanceTimersByTime(5000);
    expect(sent.at(-1)!.status).toBe('finished');
    t.clear();
  });
});

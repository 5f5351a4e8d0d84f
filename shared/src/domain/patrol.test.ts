import { describe, expect, it } from 'vitest';
import {
  PatrolActionSchema,
  positionFreshness,
  roomsOfPosition,
  StartPatrolSchema,
  TrackUploadSchema,
  MAX_POINTS_PER_BATCH,
  POSITION_STALE_MS,
} from './patrol.ts';
import { roomsOfUser } from './policy.ts';

const point = (i: number) => ({ t: new Date(Date.UTC(2026, 10, 30, 1, 0, i)).toISOString(), lng: 117.6, lat: 26.24 });

describe('patrol schemas', () => {
  it('accepts a start with a client uuid and an offset timestamp, refuses anything else', () => {
    expect(StartPatrolSchema.safeParse({ id: '00000000-0000-4000-8000-000000000001', at: '2026-11-30T09:00:00+08:00' }).success).toBe(true);
    expect(StartPatrolSchema.safeParse({ id: 'p1', at: '2026-11-30T09:00:00Z' }).success).toBe(false);
    expect(StartPatrolSchema.safeParse({ id: '00000000-0000-4000-8000-000000000001', at: 'yesterday' }).success).toBe(false);
  });

  it('bounds track batches and coordinates', () => {
    expect(TrackUploadSchema.safeParse({ points: [point(1)] }).success).toBe(true);
    expect(TrackUploadSchema.safeParse({ points: [] }).success).toBe(false);
    expect(TrackUploadSchema.safeParse({ points: Array.from({ length: MAX_POINTS_PER_BATCH + 1 }, (_, i) => point(i)) }).success).toBe(
      false,
    );
    expect(TrackUploadSchema.safeParse({ points: [{ ...point(1), lat: 91 }] }).success).toBe(false);
    expect(TrackUploadSchema.safeParse({ points: [{ ...point(1), acc: -1 }] }).success).toBe(false);
  });

  it('knows pause, resume and finish only', () => {
    expect(PatrolActionSchema.safeParse({ type: 'finish', at: '2026-11-30T09:00:00Z' }).success).toBe(true);
    expect(PatrolActionSchema.safeParse({ type: 'delete', at: '2026-11-30T09:00:00Z' }).success).toBe(false);
  });
});

describe('positions', () => {
  it('go to the rooms that see cases in that grid, so the same people see both', () => {
    const rooms = roomsOfPosition({ userId: 'u1', gridCode: '35040400200801', streetCode: '350404002' });
    expect(rooms).toEqual(['all', 'user:u1', 'grid:35040400200801', 'street:350404002']);
    const gridStaff = roomsOfUser({
      id: 'u2',
      username: 'g',
      displayName: 'g',
      role: 'grid_staff',
      departmentCode: null,
      streetCode: null,
      gridCodes: ['35040400200801'],
    });
    expect(gridStaff.some((r) => rooms.includes(r))).toBe(true);
    expect(roomsOfPosition({ userId: 'u1', gridCode: null, streetCode: null })).toEqual(['all', 'user:u1']);
  });

  it('fade after two minutes and disappear after thirty', () => {
    const at = '2026-11-30T01:00:00.000Z';
    const t0 = Date.parse(at);
    expect(positionFreshness(at, t0 + 10_000)).toBe('fresh');
    expect(positionFreshness(at, t0 + POSITION_STALE_MS + 1)).toBe('stale');
    expect(positionFreshness(at, t0 + 31 * 60_000)).toBe('gone');
    expect(positionFreshness('garbage', t0)).toBe('gone');
  });
});

import { describe, expect, it } from 'vitest';
import { distanceM } from './distance.ts';
import { simplifyLine, thinTrack, trackLengthM, TrackThinner, type Fix } from './track.ts';

/** ~1 m of latitude in degrees. */
const M = 1 / 111_195;
const walk = (n: number, stepM: number, stepS: number, from: Fix = { t: 0, lng: 117.6, lat: 26.24 }): Fix[] =>
  Array.from({ length: n }, (_, i) => ({ t: from.t + i * stepS * 1000, lng: from.lng, lat: from.lat + i * stepM * M }));

describe('distance', () => {
  it('measures metres on the sphere', () => {
    expect(distanceM(117.6, 26.24, 117.6, 26.24 + 100 * M)).toBeCloseTo(100, 0);
    expect(distanceM(0, 0, 1, 0)).toBeCloseTo(111_195, -2);
  });
});

describe('track thinning', () => {
  it('keeps one fix per 15 m of walking', () => {
    const kept = thinTrack(walk(61, 1, 1)); // 60 m at 1 m/s, one fix a second
    expect(kept.map((f) => f.t / 1000)).toEqual([0, 15, 30, 45, 60]);
  });

  it('keeps a heartbeat every minute when standing still', () => {
    const kept = thinTrack(walk(181, 0, 1));
    expect(kept.map((f) => f.t / 1000)).toEqual([0, 60, 120, 180]);
  });

  it('drops inaccurate fixes and fixes out of time order', () => {
    const fixes = walk(3, 20, 10);
    fixes[1]!.acc = 120;
    expect(thinTrack(fixes).map((f) => f.t / 1000)).toEqual([0, 20]);
    expect(thinTrack([fixes[2]!, fixes[0]!]).length).toBe(1);
  });

  it('drops a single GPS jump but follows a real move confirmed by the next fix', () => {
    const t = new TrackThinner();
    expect(t.offer({ t: 0, lng: 117.6, lat: 26.24 })).toHaveLength(1);
    // 2 km in 10 s: a jump.
    expect(t.offer({ t: 10_000, lng: 117.6, lat: 26.24 + 2000 * M })).toEqual([]);
    // Back near the start: the jump was noise.
    expect(t.offer({ t: 20_000, lng: 117.6, lat: 26.24 + 20 * M })).toHaveLength(1);
    // A real move: far, then again near the far place.
    expect(t.offer({ t: 30_000, lng: 117.6, lat: 26.24 + 1000 * M })).toEqual([]);
    const kept = t.offer({ t: 40_000, lng: 117.6, lat: 26.24 + 1030 * M });
    expect(kept.map((f) => f.t)).toEqual([30_000, 40_000]);
  });

  it('measures a track without bridging long gaps', () => {
    const a = walk(11, 10, 10);
    expect(trackLengthM(a)).toBeCloseTo(100, 0);
    const gap = [...a, { t: a.at(-1)!.t + 3_600_000, lng: 117.6, lat: 26.24 + 1000 * M }];
    expect(trackLengthM(gap, 300_000)).toBeCloseTo(100, 0);
  });
});

describe('line simplification', () => {
  it('drops vertices on a straight line, keeps corners and the ends', () => {
    const line: [number, number][] = [
      ...Array.from({ length: 10 }, (_, i) => [117.6, 26.24 + i * 10 * M] as [number, number]),
      [117.601, 26.24 + 90 * M],
    ];
    const s = simplifyLine(line, 2);
    expect(s).toEqual([line[0], line[9], line[10]]);
    expect(simplifyLine(line.slice(0, 2), 2)).toHaveLength(2);
  });
});

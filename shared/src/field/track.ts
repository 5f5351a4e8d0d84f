import { distanceM, localProjection } from './distance.ts';

/** A position fix in time: `t` in milliseconds since the epoch, `acc` the accuracy radius in metres. */
export interface Fix {
  t: number;
  lng: number;
  lat: number;
  acc?: number | undefined;
}

export interface ThinningOptions {
  /** Keep a fix once the walker is this far from the last kept one. */
  minDistanceM: number;
  /** …or once this long has passed, so a patrol standing still still shows it is alive. */
  maxIntervalMs: number;
  /** Fixes less accurate than this are dropped (indoor, cold start). */
  maxAccuracyM: number;
  /** A fix implying a faster move than this is a GPS jump, unless the next fix confirms it. */
  maxSpeedMps: number;
}

/** On foot or by e-bike in a city grid: 15 m or 60 s, ≤ 50 m accuracy, ≤ 15 m/s (54 km/h). */
export const DEFAULT_THINNING: ThinningOptions = { minDistanceM: 15, maxIntervalMs: 60_000, maxAccuracyM: 50, maxSpeedMps: 15 };

/**
 * Decides, fix by fix, which positions of a live track to keep (what the phone stores and uploads).
 * Drops inaccurate fixes and fixes too close in space and time to the last kept one. A single fix
 * that jumps impossibly far is held back: if the next fix lies near it (the walker really did
 * move, e.g. got on a bus) both are kept; otherwise it was noise and is dropped.
 */
export class TrackThinner {
  private last: Fix | null = null;
  private suspect: Fix | null = null;

  constructor(private readonly opts: ThinningOptions = DEFAULT_THINNING) {}

  /** The fixes to keep now, in order (none, one, or a confirmed jump plus this one). */
  offer(fix: Fix): Fix[] {
    const o = this.opts;
    if (!Number.isFinite(fix.lng) || !Number.isFinite(fix.lat) || !Number.isFinite(fix.t)) return [];
    // (0, 0) is what a phone reports without a fix; the server would refuse the whole batch for it.
    if (fix.lng === 0 && fix.lat === 0) return [];
    if (fix.acc !== undefined && fix.acc > o.maxAccuracyM) return [];
    const last = this.last;
    if (!last) return this.keep([fix]);
    if (fix.t <= last.t) return [];
    const d = distanceM(last.lng, last.lat, fix.lng, fix.lat);
    if (d / ((fix.t - last.t) / 1000) > o.maxSpeedMps) {
      const s = this.suspect;
      // Two consecutive fixes agreeing on the far place: the move was real.
      if (s && fix.t > s.t && distanceM(s.lng, s.lat, fix.lng, fix.lat) / ((fix.t - s.t) / 1000) <= o.maxSpeedMps) {
        this.suspect = null;
        return this.keep([s, fix]);
      }
      this.suspect = fix;
      return [];
    }
    this.suspect = null;
    if (d >= o.minDistanceM || fix.t - last.t >= o.maxIntervalMs) return this.keep([fix]);
    return [];
  }

  /** Forget the last kept fix (after a pause the next fix starts afresh). */
  reset(): void {
    this.last = null;
    this.suspect = null;
  }

  private keep(fixes: Fix[]): Fix[] {
    this.last = fixes[fixes.length - 1]!;
    return fixes;
  }
}

/** Thins a whole recorded track at once (the same rules as live). */
export function thinTrack(fixes: readonly Fix[], opts: ThinningOptions = DEFAULT_THINNING): Fix[] {
  const thinner = new TrackThinner(opts);
  return fixes.flatMap((f) => thinner.offer(f));
}

/** Length of a track in metres, not counting jumps across gaps longer than `maxGapMs` (pauses). */
export function trackLengthM(fixes: readonly Fix[], maxGapMs = Infinity): number {
  let total = 0;
  for (let i = 1; i < fixes.length; i++) {
    const a = fixes[i - 1]!;
    const b = fixes[i]!;
    if (b.t - a.t <= maxGapMs) total += distanceM(a.lng, a.lat, b.lng, b.lat);
  }
  return total;
}

/**
 * Douglas–Peucker simplification of a line for drawing (the wall's track layer): vertices closer
 * than `toleranceM` to the simplified line are dropped; the first and last are always kept.
 */
export function simplifyLine(coords: readonly (readonly [number, number])[], toleranceM: number): [number, number][] {
  if (coords.length <= 2) return coords.map(([x, y]) => [x, y]);
  const p = localProjection(coords[0]![1]);
  const xs = coords.map(([x]) => p.x(x));
  const ys = coords.map(([, y]) => p.y(y));
  const keep = new Uint8Array(coords.length);
  keep[0] = 1;
  keep[coords.length - 1] = 1;
  // An explicit stack: a long day's track would overflow recursion on a phone.
  const stack: [number, number][] = [[0, coords.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop()!;
    const dx = xs[b]! - xs[a]!;
    const dy = ys[b]! - ys[a]!;
    const len2 = dx * dx + dy * dy;
    let worst = -1;
    let worstD = toleranceM;
    for (let i = a + 1; i < b; i++) {
      const px = xs[i]! - xs[a]!;
      const py = ys[i]! - ys[a]!;
      const k = len2 === 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / len2));
      const d = Math.hypot(px - k * dx, py - k * dy);
      if (d > worstD) {
        worstD = d;
        worst = i;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([a, worst], [worst, b]);
    }
  }
  const out: [number, number][] = [];
  coords.forEach(([x, y], i) => {
    if (keep[i]) out.push([x, y]);
  });
  return out;
}

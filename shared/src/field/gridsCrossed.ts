import { distanceM } from './distance.ts';
import type { Fix } from './track.ts';

/** Anything that maps a point to a grid code: a `GridIndex`, or the server's reference data. */
export interface PointLocator {
  locate(lng: number, lat: number): string | null;
}

export interface CrossingOptions {
  /** Spacing of the samples taken along each segment between two fixes, in metres. */
  stepM: number;
  /**
   * Two fixes further apart in time than this are not joined (a pause, a lost signal, a phone in a
   * pocket on the bus): only the fixes themselves count, not the straight line between them.
   */
  maxGapMs: number;
}

export const DEFAULT_CROSSING: CrossingOptions = { stepM: 10, maxGapMs: 5 * 60_000 };

/** A grid the track passed through, and when it first entered it. */
export interface GridVisit {
  code: string;
  firstAt: number;
}

/**
 * The grids a track crossed, in the order first entered. Thinned fixes can be 15–60 m apart, so a
 * walk that clips the corner of a grid between two fixes would be missed by locating the fixes
 * alone: each segment is sampled every `stepM` metres as well. Fixes must be in time order.
 */
export function gridsCrossed(fixes: readonly Fix[], locator: PointLocator, opts: CrossingOptions = DEFAULT_CROSSING): GridVisit[] {
  const seen = new Map<string, number>();
  const visit = (lng: number, lat: number, t: number) => {
    const code = locator.locate(lng, lat);
    if (code !== null && !seen.has(code)) seen.set(code, t);
  };
  for (let i = 0; i < fixes.length; i++) {
    const b = fixes[i]!;
    const a = i > 0 ? fixes[i - 1]! : null;
    if (a && b.t - a.t <= opts.maxGapMs) {
      const steps = Math.floor(distanceM(a.lng, a.lat, b.lng, b.lat) / opts.stepM);
      for (let k = 1; k <= steps; k++) {
        const f = k / (steps + 1);
        visit(a.lng + (b.lng - a.lng) * f, a.lat + (b.lat - a.lat) * f, a.t + (b.t - a.t) * f);
      }
    }
    visit(b.lng, b.lat, b.t);
  }
  return [...seen].map(([code, firstAt]) => ({ code, firstAt }));
}

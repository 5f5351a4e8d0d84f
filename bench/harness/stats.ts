/** Percentiles and medians of the figures the benches report. */

/** The p-th percentile (0–100) of `xs`, nearest rank; NaN for no samples. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function median(xs: readonly number[]): number {
  return percentile(xs, 50);
}

export interface Latency {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

export function latencyOf(ms: readonly number[]): Latency {
  return { n: ms.length, p50: percentile(ms, 50), p99: percentile(ms, 99), max: percentile(ms, 100) };
}

/**
 * A wall-clock time in milliseconds with sub-millisecond resolution, comparable between processes
 * on one machine (Date.now() rounds to whole milliseconds, too coarse for a 1 ms p50).
 */
export const epochMs = (): number => performance.timeOrigin + performance.now();

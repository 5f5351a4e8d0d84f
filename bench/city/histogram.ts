/**
 * Latencies in 0.1 ms buckets: small to send from a worker (a sparse record of bucket → count),
 * exact to merge across workers, and quantiles within 0.1 ms.
 */
export type Buckets = Record<number, number>;

const RESOLUTION_MS = 0.1;

export class Histogram {
  readonly buckets: Buckets = {};
  count = 0;

  add(ms: number): void {
    const b = Math.max(0, Math.round(ms / RESOLUTION_MS));
    this.buckets[b] = (this.buckets[b] ?? 0) + 1;
    this.count++;
  }

  merge(other: Buckets): void {
    for (const [b, n] of Object.entries(other)) {
      this.buckets[Number(b)] = (this.buckets[Number(b)] ?? 0) + n;
      this.count += n;
    }
  }

  /** The q-quantile (0..1) in ms; NaN when empty. */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.ceil(q * this.count);
    let seen = 0;
    for (const b of Object.keys(this.buckets)
      .map(Number)
      .sort((x, y) => x - y)) {
      seen += this.buckets[b]!;
      if (seen >= rank) return b * RESOLUTION_MS;
    }
    return NaN;
  }

  max(): number {
    let top = -1;
    for (const b of Object.keys(this.buckets)) top = Math.max(top, Number(b));
    return top < 0 ? NaN : top * RESOLUTION_MS;
  }
}

/**
 * Seeded pseudo-random numbers for the sample generators. Everything in `shared/` must be pure and
 * deterministic, so generators never touch `Math.random()` or the clock: the same seed gives the
 * same district (and the same demo history) on every machine and every run.
 */

/**
 * mulberry32: a tiny 32-bit PRNG with a full 2^32 period. Not cryptographic, which is fine: it
 * only has to look random and be reproducible.
 * @returns a function giving floats uniformly in [0, 1)
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A 32-bit seed from a string (FNV-1a). Generators derive one stream per purpose
 * (`seedFrom('grids')`, `seedFrom('staff')` …) so that changing how one part draws numbers does not
 * reshuffle every other part of the sample.
 */
export function seedFrom(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Convenience wrapper around {@link mulberry32} with the draws generators keep needing. */
export class Rng {
  readonly #next: () => number;

  /** @param seed a number, or a string hashed with {@link seedFrom} */
  constructor(seed: number | string) {
    this.#next = mulberry32(typeof seed === 'string' ? seedFrom(seed) : seed);
  }

  /** A float in [0, 1). */
  next(): number {
    return this.#next();
  }

  /** A float in [min, max). */
  float(min: number, max: number): number {
    return min + (max - min) * this.#next();
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.#next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.#next() < p;
  }

  /** A uniformly chosen element. @throws on an empty list */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.#next() * items.length)]!;
  }

  /** An element chosen with probability proportional to its weight. @throws if no weight is positive */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + Math.max(0, w), 0);
    if (!(total > 0)) throw new Error('weighted pick needs a positive weight');
    let r = this.#next() * total;
    for (const [item, w] of items) {
      r -= Math.max(0, w);
      if (r < 0) return item;
    }
    // Only reachable through rounding at the very top of the range.
    return items.findLast(([, w]) => w > 0)![0];
  }

  /** A shuffled copy (Fisher–Yates); the input is left alone. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.#next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

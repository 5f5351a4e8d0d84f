import { performance } from 'node:perf_hooks';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Asks for the health status every `everyMs` until stopped; returns every latency and how many
 * answers were not 200. Each latency is counted from when the request was due, not from when a
 * late timer let it go: a stalled event loop in the polling process counts against the server
 * rather than hiding a stall.
 */
export function pollHealth(status: () => Promise<number>, everyMs = 20): () => Promise<{ ms: number[]; failures: number }> {
  const ms: number[] = [];
  let failures = 0;
  let stopped = false;
  const loop = (async () => {
    let due = performance.now();
    while (!stopped) {
      if ((await status()) !== 200) failures++;
      const end = performance.now();
      ms.push(end - due);
      due = end + everyMs;
      await sleep(everyMs);
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return { ms, failures };
  };
}

/** Count, median, 99th percentile (nearest rank) and maximum of latencies in ms. */
export function latencySummary(ms: readonly number[]): { n: number; p50: number; p99: number; max: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
  return { n: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? 0 };
}

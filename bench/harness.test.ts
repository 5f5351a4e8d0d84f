import { afterAll, describe, expect, it } from 'vitest';
import { forkBench, type BenchChild } from './harness/child.ts';
import type { Collected, ConnectArgs } from './load/fanoutClients.ts';
import type { IngestArgs, IngestResult } from './load/ingestLoad.ts';
import type { ProduceArgs, Produced } from './load/producer.ts';

/**
 * The bench harness itself works: its processes start, talk over IPC and count what they did.
 * No timing is asserted here (that is `npm run bench`'s job); only that the figures are there.
 */
const started: BenchChild<unknown>[] = [];
afterAll(async () => {
  for (const c of started) await c.stop();
});

async function fork<T>(script: string): Promise<BenchChild<T>> {
  const c = await forkBench<T>(script);
  started.push(c);
  return c;
}

describe('bench harness', () => {
  it('drives a baseline server from a separate load process and counts its answers', async () => {
    const srv = await fork<{ url: string }>('baselines/expressZodSqlite.ts');
    const gen = await fork('load/ingestLoad.ts');
    const r = await gen.call<IngestResult>('run', {
      url: srv.info.url,
      path: '/api/incidents',
      spots: { points: [[119.4, 26.0]], categories: ['E0101'] },
      connections: 5,
      warmMs: 200,
      durationMs: 800,
    } satisfies IngestArgs);
    expect(r.statuses['201']).toBeGreaterThan(0);
    expect(r.latency.n).toBeGreaterThan(0);
    expect(r.loadCpuMs.user).toBeGreaterThan(0);
    // Every 201 of the baseline is a row in its database.
    expect(await srv.call('count')).toBe(r.created.length);
  });

  it('broadcasts from a producer process to clients in another and measures each delivery', async () => {
    const srv = await fork<{ url: string }>('baselines/wsBroadcast.ts');
    const clients = await fork('load/fanoutClients.ts');
    const producer = await fork('load/producer.ts');
    expect(await clients.call('connect', { kind: 'ws', url: srv.info.url, count: 3 } satisfies ConnectArgs)).toBe(3);
    await clients.call('start');
    const p = await producer.call<Produced>('run', {
      kind: 'publish',
      url: srv.info.url,
      rate: 20,
      durationMs: 1000,
      payloadBytes: 500,
    } satisfies ProduceArgs);
    expect(p.accepted.length).toBe(p.sent);
    // Every message to every client, however loaded the machine (polled, not timed).
    let got = await clients.call<Collected>('collect', { from: p.accepted[0], to: p.accepted.at(-1) });
    for (let i = 0; i < 100 && got.latencies.length < 3 * p.sent; i++) {
      await new Promise((r) => setTimeout(r, 100));
      got = await clients.call<Collected>('collect', { from: p.accepted[0], to: p.accepted.at(-1) });
    }
    expect(got.latencies.length).toBe(3 * p.sent);
    expect(got.payloadBytes).toBe(500);
    await clients.call('close');
  });
});

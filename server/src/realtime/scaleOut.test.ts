import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { LiveClient, waitFor } from '../testing/liveClient.ts';
import { postgresAvailable, TEST_REDIS_URL } from '../testing/services.ts';
import { deleteRedisPrefix, redisAvailable } from '../testing/redis.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

const up = (await postgresAvailable()) && (await redisAvailable());
const prefix = `sc-test-${process.pid}-${Date.now()}:`;

describe.skipIf(!up)('two nodes on PostgreSQL + Redis (skipped only outside CI when a service is unreachable)', () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    a = await startTestServer({ dialect: 'postgres', redis: { url: TEST_REDIS_URL, prefix } });
    b = await startTestServer({ dialect: 'postgres', schema: a.schema!, redis: { url: TEST_REDIS_URL, prefix } });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await deleteRedisPrefix(prefix);
  });

  it('events committed on both nodes reach a client on each node live, in sequence order, each once', async () => {
    const head = (await b.api('GET', '/healthz')).body.head as number;
    const [onA, onB] = [new LiveClient(a.url, await a.login('wall'), head), new LiveClient(b.url, await b.login('wall'), head)];
    await waitFor(() => onA.live && onB.live);
    const patrolA = await a.login('patrol_liexi');
    const patrolB = await b.login('patrol_liexi');
    const [lng, lat] = interiorPoint(a.ctx.ref.grids[0]!.polygon)!;
    const ids: string[] = [];
    // Concurrently, three at a time on each node: commits interleave across the two.
    await Promise.all(
      [a, b].flatMap((node, n) =>
        [0, 1, 2].map(async () => {
          for (let i = 0; i < 4; i++) {
            const id = randomUUID();
            ids.push(id);
            const r = await node.api('POST', '/api/incidents', {
              cookie: n ? patrolB : patrolA,
              body: { id, category: 'E0101', description: '跨节点', lng, lat, source: 'patrol' },
            });
            expect(r.status).toBe(201);
          }
        }),
      ),
    );
    const want = Array.from({ length: ids.length }, (_, i) => head + 1 + i);
    await waitFor(() => onA.lastSeq >= head + ids.length && onB.lastSeq >= head + ids.length);
    for (const c of [onA, onB]) {
      c.close();
      expect(c.liveSeqs).toEqual(want);
      expect(c.fetched).toEqual([]);
      expect(c.applied.map((e) => (e.type === 'incident' ? e.incident.id : '')).sort()).toEqual([...ids].sort());
    }
    // Each node read the other's events from the log; its own came by hand-off.
    expect(a.tail.stats.handed).toBeGreaterThan(0);
    expect(a.tail.stats.read).toBeGreaterThan(0);
  });
});

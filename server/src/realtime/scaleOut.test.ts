import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { PROTOCOL_VERSION, type DomainEvent } from '@streetchief/shared';
import { interiorPoint } from '@streetchief/shared/geo/index';
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

  it('an event committed on node A reaches a client on node B, with gap-free sequence numbers across nodes', async () => {
    const cookie = await b.login('wall');
    const head = (await b.api('GET', '/healthz')).body.head as number;
    const got: DomainEvent[] = [];
    const socket = connect(b.url, {
      transports: ['websocket'],
      extraHeaders: { cookie },
      auth: { protocol: PROTOCOL_VERSION, after: head },
    });
    socket.on('event', (e) => got.push(e));
    await new Promise<void>((r) => socket.on('hello', () => r()));
    const patrolA = await a.login('patrol_liexi');
    const patrolB = await b.login('patrol_liexi');
    const [lng, lat] = interiorPoint(a.ctx.ref.grids[0]!.polygon)!;
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const id = randomUUID();
      ids.push(id);
      const node = i % 2 ? b : a;
      const r = await node.api('POST', '/api/incidents', {
        cookie: i % 2 ? patrolB : patrolA,
        body: { id, category: 'E0101', description: '跨节点', lng, lat, source: 'patrol' },
      });
      expect(r.status).toBe(201);
    }
    const t0 = Date.now();
    while (got.length < 6 && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 20));
    socket.close();
    const seqs = got.map((e) => e.seq).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 6 }, (_, i) => head + 1 + i));
    expect(got.map((e) => (e.type === 'incident' ? e.incident.id : '')).sort()).toEqual([...ids].sort());
  });
});

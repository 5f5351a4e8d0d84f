import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canSeeEvent, type User } from '@streetchief/shared';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { eventsAfter, headSeq } from '../store/eventLog.ts';
import { getIncident } from '../store/incidentRepo.ts';
import { LiveClient, waitFor } from '../testing/liveClient.ts';
import { postgresAvailable, TEST_REDIS_URL } from '../testing/services.ts';
import { deleteRedisPrefix, redisAvailable } from '../testing/redis.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

const up = (await postgresAvailable()) && (await redisAvailable());
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A client on a surviving node, and who it is signed in as. */
interface Watcher {
  client: LiveClient;
  user: User;
  node: string;
}

interface ChildNode {
  url: string;
  child: ChildProcess;
  exited: Promise<NodeJS.Signals | null>;
}

/** A node in its own process (testing/childNode.ts) on the same schema and Redis prefix: one that can be SIGKILLed. */
function startChild(schema: string, prefix: string, env: Record<string, string> = {}): Promise<ChildNode> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/testing/childNode.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_SCHEMA: schema, NODE_REDIS_URL: TEST_REDIS_URL, NODE_REDIS_PREFIX: prefix, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_code, signal) => r(signal)));
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /READY (\S+)/.exec(output);
      if (m) resolve({ url: m[1]!, child, exited });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => reject(new Error(`node exited before it listened:\n${output}`)));
  });
}

/** POST a report to a node; resolves with the status, or null when the node is gone. */
async function report(url: string, cookie: string, point: [number, number], id = randomUUID()): Promise<number | null> {
  try {
    const res = await fetch(`${url}/api/incidents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ id, category: 'E0101', description: '节点故障', lng: point[0], lat: point[1], source: 'patrol' }),
    });
    await res.text();
    return res.status;
  } catch {
    return null;
  }
}

describe.skipIf(!up).each([2, 3])(
  '%i nodes on PostgreSQL + Redis, one killed (skipped only outside CI when a service is unreachable)',
  { timeout: 180_000 },
  (nodes) => {
    const prefix = `sc-test-${process.pid}-${Date.now()}-${nodes}:`;
    /** The nodes that live: clients connect to these. */
    const survivors: TestServer[] = [];
    const children: ChildNode[] = [];
    let patrol: string;
    let point: [number, number];
    const users = ['wall', 'liexi_chief', 'xubi_chief'];

    beforeAll(async () => {
      const first = await startTestServer({ dialect: 'postgres', redis: { url: TEST_REDIS_URL, prefix } });
      survivors.push(first);
      for (let i = 2; i < nodes; i++)
        survivors.push(await startTestServer({ dialect: 'postgres', schema: first.schema!, redis: { url: TEST_REDIS_URL, prefix } }));
      patrol = await first.login('patrol_liexi');
      point = interiorPoint(first.ctx.ref.grids.find((g) => g.code === '35040400200801')!.polygon)!;
    });
    afterAll(async () => {
      for (const c of children) c.child.kill('SIGKILL');
      await Promise.all(children.map((c) => c.exited));
      for (const s of survivors.slice().reverse()) await s.stop();
      await deleteRedisPrefix(prefix);
    });

    /** Clients of three scopes on every surviving node, connected at the log's head and caught up. */
    async function connectClients(): Promise<{ head: number; clients: Watcher[] }> {
      const head = await headSeq(survivors[0]!.store.db);
      await waitFor(() => survivors.every((s) => s.tail.position === head));
      const clients: Watcher[] = [];
      for (const s of survivors)
        for (const username of users) {
          const cookie = await s.login(username);
          const me = (await s.api('GET', '/api/session', { cookie })).body.user as User;
          clients.push({ client: new LiveClient(s.url, cookie, head), user: me, node: s.url });
        }
      await waitFor(() => clients.every((c) => c.client.live));
      return { head, clients };
    }

    /** Every client got every event it may see after `head` live, in order, and no other, and fetched nothing. */
    async function expectAllLive(head: number, clients: Watcher[]) {
      const final = await headSeq(survivors[0]!.store.db);
      const log = await eventsAfter(survivors[0]!.store.db, head, 100_000);
      expect(log.map((e) => e.seq)).toEqual(Array.from({ length: final - head }, (_, i) => head + 1 + i));
      // Scoped clients reach the head through the cursor mark; the wall through the events themselves.
      await waitFor(() => clients.every((c) => c.client.lastSeq === final), 15_000);
      for (const { client, user, node } of clients) {
        client.close();
        const want = log.filter((e) => canSeeEvent(user, e)).map((e) => e.seq);
        expect(client.liveSeqs, `${user.displayName} on ${node}`).toEqual(want);
        expect(client.fetched).toEqual([]);
      }
      return log;
    }

    it('under concurrent writes to every node, one SIGKILLed: every client on the others gets every event live, in order', async () => {
      const victim = await startChild(survivors[0]!.schema!, prefix);
      children.push(victim);
      const { head, clients } = await connectClients();
      let victimAcks = 0;
      let killed = false;
      const writers: Promise<void>[] = [];
      // Four writers per node; the victim's are cut off mid-request by the kill.
      for (let w = 0; w < 4; w++) {
        writers.push(
          (async () => {
            for (let tries = 0; !killed && tries < 500; tries++) {
              if ((await report(victim.url, patrol, point)) !== 201 || ++victimAcks < 20) continue;
              killed = true;
              victim.child.kill('SIGKILL');
            }
          })(),
        );
        for (const s of survivors)
          writers.push(
            (async () => {
              for (let i = 0; i < 25; i++) expect(await report(s.url, patrol, point)).toBe(201);
            })(),
          );
      }
      await Promise.all(writers);
      expect(await victim.exited).toBe('SIGKILL');
      const log = await expectAllLive(head, clients);
      expect(log.length).toBeGreaterThanOrEqual(20 + 4 * 25 * survivors.length);
      const stats = survivors.map((s) => s.tail.stats);
      console.log(
        `${nodes} nodes: ${log.length} events (${victimAcks} acknowledged by the killed node), per survivor ${stats.map((t) => `${t.handed} handed over + ${t.read} read in ${t.reads} reads`).join('; ')}`,
      );
    });

    it('an event committed by a node that dies before it broadcasts or answers still reaches every client live', async () => {
      const victim = await startChild(survivors[0]!.schema!, prefix, { NODE_DIE_AFTER_COMMIT: '1' });
      children.push(victim);
      const { head, clients } = await connectClients();
      const id = randomUUID();
      // No answer: the node died between its commit and anything else. No write follows.
      expect(await report(victim.url, patrol, point, id)).toBeNull();
      expect(await victim.exited).toBe('SIGKILL');
      expect(await getIncident(survivors[0]!.store.db, id)).toMatchObject({ id });
      const log = await expectAllLive(head, clients);
      expect(log.map((e) => e.incident.id)).toEqual([id]);
    });
  },
);

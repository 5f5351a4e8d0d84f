import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { PROTOCOL_VERSION } from '@streetchief/shared';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { TAIL_HEARTBEAT_MS } from './eventTail.ts';
import { LiveClient, waitFor } from '../testing/liveClient.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

let s: TestServer;
let patrol: string;
let point: [number, number];

beforeAll(async () => {
  s = await startTestServer();
  patrol = await s.login('patrol_liexi');
  point = interiorPoint(s.ctx.ref.grids.find((g) => g.code === '35040400200801')!.polygon)!;
});
afterAll(() => s?.stop());

const client = (cookie: string, after: number) => new LiveClient(s.url, cookie, after);
const connected = (c: LiveClient) => waitFor(() => c.live);

async function report(): Promise<string> {
  const id = randomUUID();
  const r = await s.api('POST', '/api/incidents', {
    cookie: patrol,
    body: { id, category: 'E0101', description: '暴露垃圾', lng: point[0], lat: point[1], source: 'patrol' },
  });
  expect(r.status).toBe(201);
  return id;
}

describe('live events over Socket.IO', () => {
  it('refuses a connection without a session or with an unknown protocol; tells an older page the current one, and nothing else', async () => {
    const anon = connect(s.url, { transports: ['websocket'], auth: { protocol: PROTOCOL_VERSION, after: 0 }, reconnection: false });
    const err = await new Promise<Error>((resolve) => anon.on('connect_error', resolve));
    expect(err.message).toBe('unauthenticated');
    anon.close();
    const wall = await s.login('wall');
    const open = (protocol: number) =>
      connect(s.url, { transports: ['websocket'], extraHeaders: { cookie: wall }, auth: { protocol, after: 0 }, reconnection: false });
    for (const protocol of [0, PROTOCOL_VERSION + 1]) {
      const odd = open(protocol);
      const err2 = await new Promise<Error>((resolve) => odd.on('connect_error', resolve));
      expect(err2.message).toMatch(/protocol/);
      odd.close();
    }
    // A wall still running the previous page: the hello makes it reload itself; no events, no catch-up.
    const old = open(PROTOCOL_VERSION - 1);
    const heard: string[] = [];
    old.onAny((name: string) => heard.push(name));
    const hello = new Promise<{ protocol: number }>((resolve) => old.on('hello', resolve));
    const reason = await new Promise<string>((resolve) => old.on('disconnect', resolve));
    expect((await hello).protocol).toBe(PROTOCOL_VERSION);
    expect(reason).toBe('io server disconnect');
    expect(heard).toEqual(['hello']);
    old.close();
  });

  it('catches up from an old sequence number to hello.head, then receives live events in order', async () => {
    const head = (await s.api('GET', '/healthz')).body.head as number;
    const c = client(await s.login('wall'), head - 50);
    await connected(c);
    expect(c.hellos).toEqual([head]);
    expect(c.applied.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => head - 49 + i));
    const id = await report();
    await waitFor(() => c.applied.some((e) => e.type === 'incident' && e.incident.id === id));
    expect(c.lastSeq).toBe(head + 1);
    expect(c.liveSeqs).toEqual([head + 1]);
    c.close();
  });

  it('a client that disconnects, misses 100 events and reconnects ends with all 100, in order, no duplicates', async () => {
    const head = (await s.api('GET', '/healthz')).body.head as number;
    const c = client(await s.login('wall'), head);
    await connected(c);
    const first = await report();
    await waitFor(() => c.lastSeq === head + 1);
    c.socket.disconnect();
    const missed: string[] = [];
    for (let i = 0; i < 100; i++) missed.push(await report());
    expect(c.lastSeq).toBe(head + 1);
    c.reconnect();
    await waitFor(() => c.lastSeq === head + 101, 10_000);
    const ids = c.applied.map((e) => (e.type === 'incident' ? e.incident.id : null));
    expect(ids).toEqual([first, ...missed]);
    expect(c.applied.map((e) => e.seq)).toEqual(Array.from({ length: 101 }, (_, i) => head + 1 + i));
    c.close();
  });

  it('a scoped user is sent only the events of their scope, and the heartbeat mark carries them past the rest', async () => {
    const head = (await s.api('GET', '/healthz')).body.head as number;
    const cookies = [await s.login('dept_szj'), await s.login('liexi_chief'), await s.login('xubi_chief')];
    const [dept, street, other] = cookies.map((cookie) => client(cookie, head)) as [LiveClient, LiveClient, LiveClient];
    await Promise.all([dept, street, other].map(connected));
    const id = await report();
    await waitFor(() => street.lastSeq === head + 1);
    expect(street.applied).toMatchObject([{ seq: head + 1, type: 'incident', incident: { id } }]);
    // Outside the case's rooms nothing is sent for it, until the next mark of the node's cursor.
    await waitFor(() => [dept, other].every((c) => c.lastSeq === head + 1), TAIL_HEARTBEAT_MS * 3);
    for (const c of [dept, other]) expect(c.arrivals.filter((e) => e.seq > head)).toEqual([{ seq: head + 1, type: 'skip' }]);
    for (const c of [dept, street, other]) c.close();
  });
});

describe('a department that loses a case', () => {
  it('receives the return in full (so its screens drop the case), and nothing of what follows', async () => {
    const [hwc, desk] = [await s.login('dept_hwc'), await s.login('dispatcher')];
    const id = await report();
    let v = 1;
    for (const [cookie, body] of [
      [desk, { type: 'register' }],
      [desk, { type: 'dispatch', leadDept: 'hwc' }],
    ] as const) {
      const r = await s.api('POST', `/api/incidents/${id}/actions`, { cookie, body: { ...body, expectedVersion: v } });
      v = r.body.incident.version;
    }
    const head = (await s.api('GET', '/healthz')).body.head as number;
    const c = client(hwc, head);
    await connected(c);
    const ret = await s.api('POST', `/api/incidents/${id}/actions`, {
      cookie: hwc,
      body: { type: 'return', expectedVersion: v, reason: '非本单位职责' },
    });
    expect(ret.status).toBe(200);
    await s.api('POST', `/api/incidents/${id}/actions`, {
      cookie: desk,
      body: { type: 'comment', expectedVersion: v + 1, reason: '改派' },
    });
    await waitFor(() => c.lastSeq === head + 2, TAIL_HEARTBEAT_MS * 3);
    expect(c.applied[0]).toMatchObject({
      type: 'incident',
      kind: 'return',
      formerDepts: ['hwc'],
      incident: { id, status: 'registered', leadDept: null },
    });
    expect(c.arrivals.filter((e) => e.type === 'incident')).toHaveLength(1);
    // Catch-up through HTTP has every number: the comment as a skip.
    const log = await s.api('GET', `/api/events?after=${head}`, { cookie: hwc });
    expect(log.body.events.map((e: any) => e.type)).toEqual(['incident', 'skip']);
    c.close();
  });
});

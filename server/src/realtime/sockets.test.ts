import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, DomainEvent, ServerToClientEvents } from '@streetchief/shared';
import { PROTOCOL_VERSION } from '@streetchief/shared';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let s: TestServer;
let patrol: string;
let point: [number, number];

beforeAll(async () => {
  s = await startTestServer();
  patrol = await s.login('patrol_liexi');
  point = interiorPoint(s.ctx.ref.grids.find((g) => g.code === '35040400200801')!.polygon)!;
});
afterAll(() => s?.stop());

const waitFor = async (cond: () => boolean, ms = 5000) => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

/**
 * A minimal client following the protocol: applies events strictly in order, drops what it has,
 * buffers past a gap and pages `catch_up` until the head. The wall's EventSync does the same.
 */
class TestClient {
  lastSeq: number;
  applied: DomainEvent[] = [];
  socket: ClientSocket;
  private buffer = new Map<number, DomainEvent>();
  private catching = false;

  constructor(cookie: string, after: number) {
    this.lastSeq = after;
    this.socket = connect(s.url, {
      transports: ['websocket'],
      extraHeaders: { cookie },
      auth: (cb) => cb({ protocol: PROTOCOL_VERSION, after: this.lastSeq }),
      reconnection: false,
    });
    this.socket.on('hello', ({ head }) => {
      if (head > this.lastSeq) void this.catchUp();
    });
    this.socket.on('event', (e) => this.receive(e));
  }

  private receive(e: DomainEvent) {
    if (e.seq <= this.lastSeq) return;
    this.buffer.set(e.seq, e);
    this.drain();
    if (this.buffer.size > 0) void this.catchUp();
  }

  private drain() {
    for (let next = this.buffer.get(this.lastSeq + 1); next; next = this.buffer.get(this.lastSeq + 1)) {
      this.buffer.delete(next.seq);
      this.applied.push(next);
      this.lastSeq = next.seq;
    }
  }

  private async catchUp() {
    if (this.catching) return;
    this.catching = true;
    try {
      for (;;) {
        const reply = await this.socket.emitWithAck('catch_up', { after: this.lastSeq, limit: 37 });
        if (!reply.ok) throw new Error(reply.error);
        for (const e of reply.events) if (e.seq > this.lastSeq) this.buffer.set(e.seq, e);
        this.drain();
        if (this.lastSeq >= reply.head) break;
      }
    } finally {
      this.catching = false;
    }
  }

  reconnect() {
    this.socket.connect();
  }
}

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
  it('refuses a connection without a session or with the wrong protocol', async () => {
    const anon = connect(s.url, { transports: ['websocket'], auth: { protocol: PROTOCOL_VERSION, after: 0 }, reconnection: false });
    const err = await new Promise<Error>((resolve) => anon.on('connect_error', resolve));
    expect(err.message).toBe('unauthenticated');
    anon.close();
    const wall = await s.login('wall');
    const old = connect(s.url, {
      transports: ['websocket'],
      extraHeaders: { cookie: wall },
      auth: { protocol: 0, after: 0 },
      reconnection: false,
    });
    const err2 = await new Promise<Error>((resolve) => old.on('connect_error', resolve));
    expect(err2.message).toMatch(/protocol/);
    old.close();
  });

  it('catches up from an old sequence number, then receives live events in order', async () => {
    const head = (await s.api('GET', '/healthz')).body.head as number;
    const c = new TestClient(await s.login('wall'), head - 50);
    await waitFor(() => c.lastSeq === head);
    expect(c.applied.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => head - 49 + i));
    const id = await report();
    await waitFor(() => c.applied.some((e) => e.type === 'incident' && e.incident.id === id));
    expect(c.lastSeq).toBe(head + 1);
    c.socket.close();
  });

  it('a client that disconnects, misses 100 events and reconnects ends with all 100, in order, no duplicates', async () => {
    const head = (await s.api('GET', '/healthz')).body.head as number;
    const c = new TestClient(await s.login('wall'), head);
    await new Promise<void>((resolve) => c.socket.on('connect', () => resolve()));
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
    c.socket.close();
  });

  it('a scoped user receives only the sequence number of events outside their scope', async () => {
    const head = (await s.api('GET', '/healthz')).body.head as number;
    const cookies = [await s.login('dept_szj'), await s.login('liexi_chief'), await s.login('xubi_chief')];
    const [dept, street, other] = cookies.map((cookie) => new TestClient(cookie, head)) as [TestClient, TestClient, TestClient];
    await Promise.all([dept, street, other].map((c) => new Promise<void>((r) => c.socket.on('connect', () => r()))));
    const id = await report();
    await waitFor(() => [dept, street, other].every((c) => c.lastSeq === head + 1));
    expect(street.applied[0]).toMatchObject({ type: 'incident', incident: { id } });
    expect(other.applied[0]).toEqual({ seq: head + 1, type: 'skip' });
    expect(dept.applied[0]).toEqual({ seq: head + 1, type: 'skip' });
    for (const c of [dept, street, other]) c.socket.close();
  });
});

describe('a department that loses a case', () => {
  it('receives the return in full (so its screens drop the case), and only a skip after that', async () => {
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
    const c = new TestClient(hwc, head);
    await new Promise<void>((r) => c.socket.on('connect', () => r()));
    const ret = await s.api('POST', `/api/incidents/${id}/actions`, {
      cookie: hwc,
      body: { type: 'return', expectedVersion: v, reason: '非本单位职责' },
    });
    expect(ret.status).toBe(200);
    await s.api('POST', `/api/incidents/${id}/actions`, {
      cookie: desk,
      body: { type: 'comment', expectedVersion: v + 1, reason: '改派' },
    });
    await waitFor(() => c.lastSeq === head + 2);
    expect(c.applied[0]).toMatchObject({
      type: 'incident',
      kind: 'return',
      formerDepts: ['hwc'],
      incident: { id, status: 'registered', leadDept: null },
    });
    expect(c.applied[1]).toEqual({ seq: head + 2, type: 'skip' });
    // Catch-up through HTTP decides the same way.
    const log = await s.api('GET', `/api/events?after=${head}`, { cookie: hwc });
    expect(log.body.events.map((e: any) => e.type)).toEqual(['incident', 'skip']);
    c.socket.close();
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DomainEvent, IncidentEvent } from '@streetchief/shared/domain/events';
import type { Incident } from '@streetchief/shared/domain/incident';
import { incidentFixture } from '@streetchief/shared/testing/incidentFixture';
import { PROTOCOL_VERSION, type CatchUpReply, type SocketAuth } from '@streetchief/shared/domain/socket';
import { EventSync, type SyncChange, type SyncTransport, type TransportHandlers } from './eventSync.ts';

const NOW = Date.parse('2026-11-29T02:00:00.000Z');

function incident(n: number, version: number, over: Partial<Incident> = {}): Incident {
  return incidentFixture({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, version, ...over });
}

function ev(seq: number, inc: Incident, kind: IncidentEvent['kind'] = 'register'): IncidentEvent {
  return {
    seq,
    type: 'incident',
    kind,
    at: '2026-11-29T01:00:00.000Z',
    actor: { id: 'u', role: 'dispatcher', name: '陈' },
    reason: null,
    incident: inc,
    formerDepts: [],
  };
}

const skip = (seq: number): DomainEvent => ({ seq, type: 'skip' });

/**
 * A transport whose server side is the test: it holds a log and answers catch_up from it (after
 * `gate`, when set, so a test can deliver live events while a page is on its way).
 */
class FakeTransport implements SyncTransport {
  handlers: TransportHandlers | null = null;
  auth: (() => SocketAuth) | null = null;
  log: DomainEvent[] = [];
  catchUps: number[] = [];
  closed = false;
  reconnects = 0;
  gate: Promise<void> | null = null;
  open(auth: () => SocketAuth, handlers: TransportHandlers): void {
    this.auth = auth;
    this.handlers = handlers;
  }
  async catchUp(after: number, limit: number): Promise<CatchUpReply> {
    this.catchUps.push(after);
    if (this.gate) await this.gate;
    const events = this.log.filter((e) => e.seq > after).slice(0, limit);
    return { ok: true, events, head: this.head };
  }
  get head(): number {
    return this.log.at(-1)?.seq ?? 0;
  }
  reconnect(): void {
    this.reconnects++;
  }
  close(): void {
    this.closed = true;
  }
  /** Connects and says hello with the log's head (or the head of a node a moment behind). */
  connect(head = this.head): void {
    this.handlers!.connect();
    this.handlers!.hello({ protocol: PROTOCOL_VERSION, head });
  }
  push(e: DomainEvent, deliver = true): void {
    this.log.push(e);
    if (deliver) this.handlers!.event(e);
  }
}

const flushAsync = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

async function started(snapshot: Incident[], head: number, over: Partial<ConstructorParameters<typeof EventSync>[0]> = {}) {
  const transport = new FakeTransport();
  // The server's log up to the snapshot head (contents irrelevant: catch-up starts after it).
  for (let s = 1; s <= head; s++) transport.log.push(skip(s));
  const loadSnapshot = vi.fn(async () => ({ incidents: snapshot, head: transport.head }));
  const sync = new EventSync({ transport, loadSnapshot, now: () => NOW, ...over });
  const changes: SyncChange[] = [];
  sync.subscribe((c) => changes.push(c));
  sync.start();
  await flushAsync();
  return { sync, transport, changes, loadSnapshot };
}

let current: EventSync | null = null;
afterEach(() => {
  current?.stop();
  current = null;
});

describe('EventSync', () => {
  it('loads the snapshot, then connects with after = head', async () => {
    const a = incident(1, 1);
    const { sync, transport, changes, loadSnapshot } = await started([a], 7);
    current = sync;
    const since = (loadSnapshot.mock.calls[0] as unknown as [Date])[0];
    expect(since.toISOString()).toBe(new Date(NOW - 30 * 86_400_000).toISOString());
    expect(transport.auth!()).toEqual({ protocol: PROTOCOL_VERSION, after: 7 });
    expect(sync.getState().incidents.get(a.id)).toEqual(a);
    expect(changes.at(-1)).toEqual({ ids: [a.id], reset: true });
    expect(sync.getState().connection.status).toBe('connecting');
    transport.connect();
    await flushAsync();
    expect(sync.getState().connection.status).toBe('live');
    // head == lastSeq: nothing to catch up.
    expect(transport.catchUps).toEqual([]);
  });

  it('applies the next event, drops old ones and never goes back a version', async () => {
    const a = incident(1, 2);
    const { sync, transport, changes } = await started([a], 3);
    current = sync;
    transport.connect();
    await flushAsync();
    changes.length = 0;

    transport.push(ev(4, incident(1, 3, { status: 'dispatched' }), 'dispatch'));
    expect(sync.getState().lastSeq).toBe(4);
    expect(sync.getState().incidents.get(a.id)?.status).toBe('dispatched');
    expect(changes).toEqual([{ ids: [a.id], reset: false }]);

    transport.handlers!.event(ev(4, incident(1, 3, { status: 'closed' }))); // duplicate seq
    transport.push(ev(5, incident(1, 1, { status: 'voided' }))); // stale version
    expect(sync.getState().lastSeq).toBe(5);
    expect(sync.getState().incidents.get(a.id)?.status).toBe('dispatched');
    expect(sync.getState().ticker.map((e) => e.seq)).toEqual([5, 4]);
  });

  it('applies a live event past lastSeq + 1 at once: the numbers it jumps over were not for this user', async () => {
    const { sync, transport } = await started([], 2);
    current = sync;
    transport.connect();
    await flushAsync();
    const b = incident(2, 1);
    transport.push(skip(3), false); // another street's case: not sent to us
    transport.push(skip(4), false);
    transport.push(ev(5, b, 'report'));
    expect(sync.getState().lastSeq).toBe(5);
    expect(sync.getState().incidents.get(b.id)).toEqual(b);
    expect(transport.catchUps).toEqual([]);
    // The heartbeat: nothing else for us up to 9.
    transport.push(skip(9));
    expect(sync.getState().lastSeq).toBe(9);
    expect(transport.auth!()).toEqual({ protocol: PROTOCOL_VERSION, after: 9 });
  });

  it('holds live events while catching up to hello.head, then applies them in order, none twice', async () => {
    const { sync, transport } = await started([], 2);
    current = sync;
    for (let s = 3; s <= 6; s++) transport.log.push(ev(s, incident(s, 1), 'report'));
    let open!: () => void;
    transport.gate = new Promise((r) => (open = r));
    transport.connect(); // hello.head 6: catch-up asks for 3–6
    await flushAsync();
    expect(transport.catchUps).toEqual([2]);
    // Live events after the head arrive before the page does (8 is not for us).
    transport.push(ev(7, incident(7, 1), 'report'));
    transport.push(skip(8), false);
    transport.push(ev(9, incident(9, 1), 'report'));
    transport.handlers!.event(ev(5, incident(5, 1), 'report')); // a repeat the page also brings
    expect(sync.getState().lastSeq).toBe(2);
    expect(sync.getState().connection.status).toBe('connecting');
    open();
    await flushAsync();
    expect(sync.getState().lastSeq).toBe(9);
    expect(sync.getState().ticker.map((e) => e.seq)).toEqual([9, 7, 6, 5, 4, 3]);
    expect(sync.getState().connection.status).toBe('live');
    expect(transport.catchUps).toEqual([2]);
  });

  it('held live events dropped past maxBuffered are fetched by catch-up instead', async () => {
    const { sync, transport } = await started([], 1, { maxBuffered: 2 });
    current = sync;
    transport.log.push(ev(2, incident(2, 1), 'report'));
    let open!: () => void;
    transport.gate = new Promise((r) => (open = r));
    transport.connect();
    await flushAsync();
    for (let s = 3; s <= 7; s++) transport.push(ev(s, incident(s, 1), 'report'));
    open();
    await flushAsync();
    expect(sync.getState().lastSeq).toBe(7);
    expect(sync.getState().ticker.map((e) => e.seq)).toEqual([7, 6, 5, 4, 3, 2]);
    expect(sync.getState().connection.status).toBe('live');
  });

  it('a node a moment behind the one heard before is no reset: nothing reloads, its repeats are dropped', async () => {
    const { sync, transport, loadSnapshot } = await started([incident(1, 1)], 5);
    current = sync;
    transport.connect(3); // this node has broadcast up to 3; the database is at 5
    await flushAsync();
    expect(loadSnapshot).toHaveBeenCalledTimes(1);
    expect(transport.catchUps).toEqual([5]);
    expect(sync.getState().connection.status).toBe('live');
    transport.handlers!.event(ev(4, incident(1, 9), 'dispatch')); // what we have already
    transport.push(ev(6, incident(1, 2), 'dispatch'));
    expect(sync.getState().lastSeq).toBe(6);
    expect(sync.getState().incidents.get(incident(1, 1).id)?.version).toBe(2);
  });

  it('catches up after hello in pages until the head', async () => {
    const { sync, transport } = await started([], 1, { catchUpPageSize: 2 });
    current = sync;
    for (let s = 2; s <= 6; s++) transport.log.push(ev(s, incident(s, 1), 'report'));
    transport.connect();
    await flushAsync();
    expect(transport.catchUps).toEqual([1, 3, 5]);
    expect(sync.getState().lastSeq).toBe(6);
    expect(sync.getState().incidents.size).toBe(5);
    expect(sync.getState().connection.status).toBe('live');
  });

  it('goes offline on disconnect, keeps the data, and reconnects from lastSeq', async () => {
    const { sync, transport } = await started([incident(1, 1)], 1);
    current = sync;
    transport.connect();
    await flushAsync();
    transport.push(skip(2));
    transport.handlers!.disconnect('transport close', true);
    expect(sync.getState().connection).toEqual({ status: 'offline', since: NOW });
    expect(sync.getState().incidents.size).toBe(1);
    transport.push(ev(3, incident(1, 2), 'dispatch'), false); // missed while offline
    expect(transport.auth!()).toEqual({ protocol: PROTOCOL_VERSION, after: 2 });
    transport.connect();
    await flushAsync();
    expect(transport.catchUps).toEqual([2]);
    expect(sync.getState().incidents.get(incident(1, 1).id)?.version).toBe(2);
    expect(sync.getState().connection.status).toBe('live');
  });

  it('reloads the snapshot when the server log is behind (a reset database)', async () => {
    const { sync, transport, loadSnapshot } = await started([incident(1, 5)], 10);
    current = sync;
    transport.log = [skip(1), skip(2)];
    loadSnapshot.mockResolvedValueOnce({ incidents: [incident(9, 1)], head: 2 });
    transport.connect();
    await flushAsync();
    expect(loadSnapshot).toHaveBeenCalledTimes(2);
    expect([...sync.getState().incidents.keys()]).toEqual([incident(9, 1).id]);
    expect(sync.getState().lastSeq).toBe(2);
  });

  it('keeps the ticker to the newest 50 events', async () => {
    const { sync, transport } = await started([], 0);
    current = sync;
    transport.connect();
    await flushAsync();
    for (let s = 1; s <= 120; s++) transport.push(ev(s, incident(s % 7, s), 'report'));
    const ticker = sync.getState().ticker;
    expect(ticker).toHaveLength(50);
    expect(ticker[0]?.seq).toBe(120);
    expect(ticker.at(-1)?.seq).toBe(71);
  });

  it('drops finished cases older than the window, keeps open ones', async () => {
    const old = '2026-10-01T00:00:00.000Z';
    const closed = incident(1, 3, { status: 'closed', updatedAt: old });
    const open = incident(2, 3, { status: 'in_progress', updatedAt: old });
    const { sync, changes } = await started([closed, open], 0);
    current = sync;
    sync.prune();
    expect([...sync.getState().incidents.keys()]).toEqual([open.id]);
    expect(changes.at(-1)).toEqual({ ids: [closed.id], reset: false });
  });
  it('applies a case from an action answer at once, and its later event is a no-op', async () => {
    const a = incident(1, 2, { status: 'dispatched', leadDept: 'hwc' });
    const { sync, transport, changes } = await started([a], 3);
    current = sync;
    transport.connect();
    await flushAsync();
    changes.length = 0;
    // The department returned it: the answer arrives first; the event may never come (other rooms).
    const returned = incident(1, 3, { status: 'registered', leadDept: null, returnCount: 1 });
    sync.applyLocal(returned);
    expect(sync.getState().incidents.get(a.id)).toEqual(returned);
    expect(sync.getState().lastSeq).toBe(3);
    expect(changes).toEqual([{ ids: [a.id], reset: false }]);
    sync.applyLocal(incident(1, 2, { status: 'dispatched' })); // an older answer
    transport.push(ev(4, returned, 'return'));
    expect(sync.getState().incidents.get(a.id)).toEqual(returned);
    expect(sync.getState().lastSeq).toBe(4);
  });
  it('is offline, not live, when the server refuses the socket (signed out, revoked display)', async () => {
    const onUnauthorized = vi.fn();
    const { sync, transport } = await started([incident(1, 1)], 1, { onUnauthorized });
    current = sync;
    transport.connect();
    await flushAsync();
    expect(sync.getState().connection.status).toBe('live');
    // The server ends the session and closes the socket; the retry is refused at the handshake.
    transport.handlers!.disconnect('io server disconnect', false);
    transport.handlers!.connectError('unauthenticated', false);
    expect(sync.getState().connection.status).toBe('offline');
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    // A late catch-up answer or the liveness check cannot make it live again.
    sync.checkLiveness();
    await flushAsync();
    expect(sync.getState().connection.status).toBe('offline');
    expect(sync.getState().incidents.size).toBe(1);
  });

  it('says live only while the server keeps talking: silence past quietAfterMs is offline, a heartbeat is live again', async () => {
    let now = NOW;
    const { sync, transport } = await started([incident(1, 1)], 1, { now: () => now, quietAfterMs: 50_000 });
    current = sync;
    transport.connect();
    await flushAsync();
    expect(sync.getState().connection.status).toBe('live');
    now += 40_000;
    sync.checkLiveness();
    expect(sync.getState().connection.status).toBe('live');
    now += 20_000; // 60 s without a word
    sync.checkLiveness();
    expect(sync.getState().connection).toEqual({ status: 'offline', since: now });
    transport.handlers!.heartbeat();
    expect(sync.getState().connection.status).toBe('live');
  });
});

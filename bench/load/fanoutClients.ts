/**
 * Client half of `bench/fanout.bench.ts`, in its own process: `count` live-event clients of one
 * kind, each noting for every event it receives the time since the producer sent it (the producer
 * embeds its send time in the payload; one machine, one clock, no server clock involved).
 *
 * - `product`: Socket.IO clients signed in (as the wall), speaking the product's protocol; the
 *   send time is in the reported case's description.
 * - `socketio`: plain Socket.IO clients of the bare Socket.IO baseline (`event` with `{t, pad}`).
 * - `ws`: bare `ws` clients of the bare ws baseline (a JSON text frame `{t, pad}`).
 */
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { serveParent } from '../harness/child.ts';
import { productProtocol } from '../harness/product.ts';
import { epochMs } from '../harness/stats.ts';

export type ClientKind = 'product' | 'socketio' | 'ws';

export interface ConnectArgs {
  kind: ClientKind;
  url: string;
  count: number;
  /** product: the wall's Cookie header and the head to start after. */
  cookie?: string;
  after?: number;
}

export interface Collected {
  /** Receipt minus send time, ms, for events sent within [from, to]. */
  latencies: number[];
  /** product only: receipt minus the event's own `at` (the server's clock), ms. */
  sinceAt: number[];
  /** Events received out of sequence order (product), across all clients. */
  reordered: number;
  /** `skip` events received (product): marks "nothing else for you up to seq" (heartbeats, filtered events). */
  skips: number;
  /** Bytes of one event's payload as received (JSON), to size the baselines' payload alike. */
  payloadBytes: number;
  /** Clients that received each event sent within [from, to], by its send time rounded to the ms. */
  receivedBy: Record<number, number>;
  /** This process's CPU since `start`: cores in use on average. */
  cpuCores: number;
}

const PROTOCOL_VERSION = await productProtocol();
const BENCH_MARK = /^bench t=(\d+(?:\.\d+)?)/;

let sockets: { close: () => void }[] = [];
let sent: number[] = [];
let lat: number[] = [];
let sinceAt: number[] = [];
let reordered = 0;
let skips = 0;
let payloadBytes = 0;
let cpu0 = process.cpuUsage();
let t0 = performance.now();

function note(sentAt: number, now: number) {
  sent.push(sentAt);
  lat.push(now - sentAt);
}

interface BenchEvent {
  seq: number;
  type: string;
  at?: string;
  incident?: { description: string };
}

function connectProduct(a: ConnectArgs): Promise<{ close: () => void }> {
  return new Promise((resolve, reject) => {
    let lastSeq = a.after ?? 0;
    const socket: Socket = io(a.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      extraHeaders: { cookie: a.cookie ?? '' },
      auth: { protocol: PROTOCOL_VERSION, after: a.after ?? 0 },
    });
    socket.once('hello', () => resolve({ close: () => socket.close() }));
    socket.once('connect_error', reject);
    socket.on('event', (e: BenchEvent) => {
      const now = epochMs();
      // A `skip` mark says "nothing else for you up to seq" and may repeat the last seq (the
      // heartbeat); an event must come strictly after the last one.
      if (e.type === 'skip' ? e.seq < lastSeq : e.seq <= lastSeq) reordered++;
      lastSeq = Math.max(lastSeq, e.seq);
      if (e.type === 'skip') return void skips++;
      const m = BENCH_MARK.exec(e.incident?.description ?? '');
      if (!m) return;
      if (!payloadBytes) payloadBytes = JSON.stringify(e).length;
      note(Number(m[1]), now);
      if (e.at) sinceAt.push(now - Date.parse(e.at));
    });
  });
}

function connectSocketIo(a: ConnectArgs): Promise<{ close: () => void }> {
  return new Promise((resolve, reject) => {
    const socket: Socket = io(a.url, { transports: ['websocket'], forceNew: true, reconnection: false });
    socket.once('connect', () => resolve({ close: () => socket.close() }));
    socket.once('connect_error', reject);
    socket.on('event', (e: { t: number }) => {
      const now = epochMs();
      if (!payloadBytes) payloadBytes = JSON.stringify(e).length;
      note(e.t, now);
    });
  });
}

function connectWs(a: ConnectArgs): Promise<{ close: () => void }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(a.url.replace(/^http/, 'ws'));
    ws.once('open', () => resolve({ close: () => ws.close() }));
    ws.once('error', reject);
    ws.on('message', (data: Buffer) => {
      const now = epochMs();
      const text = data.toString();
      if (!payloadBytes) payloadBytes = text.length;
      note((JSON.parse(text) as { t: number }).t, now);
    });
  });
}

const CONNECT = { product: connectProduct, socketio: connectSocketIo, ws: connectWs };
/** Connections opened at once: a thousand handshakes in one burst would measure the accept queue. */
const BATCH = 25;

serveParent(
  {},
  {
    connect: async (a: ConnectArgs) => {
      for (let i = 0; i < a.count; i += BATCH) {
        const batch = Array.from({ length: Math.min(BATCH, a.count - i) }, () => CONNECT[a.kind](a));
        sockets.push(...(await Promise.all(batch)));
      }
      return sockets.length;
    },
    start: () => {
      sent = [];
      lat = [];
      sinceAt = [];
      reordered = 0;
      skips = 0;
      payloadBytes = 0;
      cpu0 = process.cpuUsage();
      t0 = performance.now();
    },
    /** Events sent within [from, to] received so far, summed over this process's clients. */
    received: ({ from, to }: { from: number; to: number }) => sent.reduce((n, t) => n + (t >= from && t <= to ? 1 : 0), 0),
    collect: ({ from, to }: { from: number; to: number }): Collected => {
      const c = process.cpuUsage(cpu0);
      const latencies: number[] = [];
      const receivedBy: Record<number, number> = {};
      for (let i = 0; i < sent.length; i++) {
        const t = sent[i]!;
        if (t < from || t > to) continue;
        latencies.push(lat[i]!);
        receivedBy[Math.round(t)] = (receivedBy[Math.round(t)] ?? 0) + 1;
      }
      return {
        latencies,
        receivedBy,
        sinceAt,
        reordered,
        skips,
        payloadBytes,
        cpuCores: (c.user + c.system) / 1000 / (performance.now() - t0),
      };
    },
    close: () => {
      for (const s of sockets) s.close();
      sockets = [];
    },
  },
);

/**
 * Worker: wall screens. Each is a Socket.IO client signed in as the `wall` account (its own
 * session), as the wall page's socket is: it receives every case event live and never asks for a
 * catch-up, so whatever it did not receive live counts as missed. It records, per client, the
 * sequence numbers in arrival order, and for reports the time from the reporter's send (in the
 * description) to arrival here.
 *
 * Events are read by shape, not by one event name or encoding: anything carrying a numeric `seq`
 * is a case event unless its `type` is `skip` (a "nothing for you up to N" mark), whether it
 * comes as an object, a JSON string or bytes, alone or in an array.
 */
import { PROTOCOL_VERSION } from '@streetchief/shared';
import { io, type Socket } from 'socket.io-client';
import { SENT_MARK } from './config.ts';
import { Histogram, type Buckets } from './histogram.ts';
import { workerSide } from './worker.ts';

export interface WallParams {
  /** One per screen: the node it connects to and its session token. */
  screens: { url: string; token: string }[];
  cookieName: string;
}

export interface WallResult {
  screens: number;
  /** Case events committed during the run that a screen should have received live, summed over screens. */
  expected: number;
  received: number;
  missed: number;
  screensMissing: number;
  /** The first few missed sequence numbers, for the report. */
  missedSample: number[];
  reordered: number;
  duplicates: number;
  /** Received but not committed in the window (should never happen). */
  extra: number;
  disconnects: number;
  /** Socket.IO's reason for each disconnect (`ping timeout`, `transport close`, …). */
  disconnectReasons: Record<string, number>;
  skipMarks: number;
  positions: number;
  latency: Buckets;
  /** The same latencies by when the report was sent: 5 s windows from the first report, to show stalls. */
  latencyByWindow: Record<number, Buckets>;
}

interface Screen {
  socket: Socket;
  helloHead: number | null;
  arrivals: number[];
  disconnects: number;
  skipMarks: number;
  positions: number;
}

const now = () => performance.timeOrigin + performance.now();
const latency = new Histogram();
/** Width of a window of `latencyByWindow`. */
export const WINDOW_MS = 5000;
const byWindow = new Map<number, Histogram>();
let firstSent: number | null = null;
const screens: Screen[] = [];
const disconnectReasons: Record<string, number> = {};
const sentPattern = new RegExp(`${SENT_MARK}(\\d+(?:\\.\\d+)?)`);

/** The objects inside one Socket.IO argument, whatever the encoding. */
function objectsOf(arg: unknown): Record<string, unknown>[] {
  if (arg === null || arg === undefined) return [];
  if (typeof arg === 'string') {
    try {
      return objectsOf(JSON.parse(arg));
    } catch {
      return [];
    }
  }
  if (arg instanceof ArrayBuffer || ArrayBuffer.isView(arg)) {
    const bytes = arg instanceof ArrayBuffer ? new Uint8Array(arg) : new Uint8Array(arg.buffer, arg.byteOffset, arg.byteLength);
    return objectsOf(new TextDecoder().decode(bytes));
  }
  if (Array.isArray(arg)) return arg.flatMap(objectsOf);
  return typeof arg === 'object' ? [arg as Record<string, unknown>] : [];
}

function onMessage(s: Screen, name: string, args: unknown[]): void {
  const at = now();
  if (name === 'hello') {
    const head = (objectsOf(args[0])[0]?.head as number | undefined) ?? null;
    if (s.helloHead === null) s.helloHead = head;
    return;
  }
  if (name === 'positions') {
    s.positions++;
    return;
  }
  for (const o of args.flatMap(objectsOf)) {
    if (typeof o.seq !== 'number') continue;
    if (o.type === 'skip') {
      s.skipMarks++;
      continue;
    }
    s.arrivals.push(o.seq);
    const description = (o.incident as { description?: unknown } | undefined)?.description;
    if (o.kind === 'report' && typeof description === 'string') {
      const sent = sentPattern.exec(description);
      if (sent) {
        const sentAt = Number(sent[1]);
        firstSent ??= sentAt;
        const w = Math.max(0, Math.floor((sentAt - firstSent) / WINDOW_MS));
        if (!byWindow.has(w)) byWindow.set(w, new Histogram());
        byWindow.get(w)!.add(at - sentAt);
        latency.add(at - sentAt);
      }
    }
  }
}

function connect(url: string, token: string, cookieName: string): Promise<Screen> {
  return new Promise((resolve, reject) => {
    const socket = io(url, {
      transports: ['websocket'],
      extraHeaders: { cookie: `${cookieName}=${token}` },
      auth: { protocol: PROTOCOL_VERSION, after: 0 },
      reconnectionDelay: 500,
    });
    const s: Screen = { socket, helloHead: null, arrivals: [], disconnects: 0, skipMarks: 0, positions: 0 };
    const timer = setTimeout(() => reject(new Error(`no hello from ${url} in 30 s`)), 30_000);
    socket.onAny((name: string, ...args: unknown[]) => {
      onMessage(s, name, args);
      if (name === 'hello') {
        clearTimeout(timer);
        resolve(s);
      }
    });
    socket.on('connect_error', (err) => {
      // A refused handshake (bad protocol, unauthenticated) will not heal by retrying.
      if (!socket.active) {
        clearTimeout(timer);
        reject(new Error(`wall socket to ${url} refused: ${err.message}`));
      }
    });
    socket.on('disconnect', (reason) => {
      s.disconnects++;
      disconnectReasons[reason] = (disconnectReasons[reason] ?? 0) + 1;
    });
  });
}

function verify(committed: number[]): WallResult {
  const r: WallResult = {
    screens: screens.length,
    expected: 0,
    received: 0,
    missed: 0,
    screensMissing: 0,
    missedSample: [],
    reordered: 0,
    duplicates: 0,
    extra: 0,
    disconnects: 0,
    disconnectReasons,
    skipMarks: 0,
    positions: 0,
    latency: latency.buckets,
    latencyByWindow: Object.fromEntries([...byWindow].map(([w, h]) => [w, h.buckets])),
  };
  for (const s of screens) {
    const head = s.helloHead ?? 0;
    const live = s.arrivals.filter((seq) => seq > head);
    const expected = committed.filter((seq) => seq > head);
    const got = new Set(live);
    const want = new Set(expected);
    let highest = -1;
    for (const seq of live) {
      if (seq < highest) r.reordered++;
      highest = Math.max(highest, seq);
    }
    const missed = expected.filter((seq) => !got.has(seq));
    r.expected += expected.length;
    r.received += live.length;
    r.missed += missed.length;
    if (missed.length) r.screensMissing++;
    if (r.missedSample.length < 10) r.missedSample.push(...missed.slice(0, 10 - r.missedSample.length));
    r.duplicates += live.length - got.size;
    r.extra += [...got].filter((seq) => !want.has(seq)).length;
    r.disconnects += s.disconnects;
    r.skipMarks += s.skipMarks;
    r.positions += s.positions;
  }
  return r;
}

workerSide<WallParams>({
  init: async (p) => {
    // A few handshakes at a time, as screens switched on across a room would.
    for (let i = 0; i < p.screens.length; i += 10)
      screens.push(...(await Promise.all(p.screens.slice(i, i + 10).map((x) => connect(x.url, x.token, p.cookieName)))));
    return { connected: screens.length };
  },
  verify: (committed) => {
    const result = verify(committed);
    for (const s of screens) s.socket.close();
    return result;
  },
});

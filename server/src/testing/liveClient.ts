import { io as connect, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type ClientToServerEvents, type DomainEvent, type ServerToClientEvents } from '@streetchief/shared';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A minimal client following the socket protocol, as the wall's EventSync does: after `hello` it
 * pages `catch_up` up to `hello.head` (applying the log in order) while holding live events, then
 * applies every live event past what it has. It records how each event reached it, so a test can
 * say which arrived live, in which order, and which only through catch-up.
 */
export class LiveClient {
  lastSeq: number;
  /** Everything applied, in order: catch-up pages and live events alike. */
  applied: DomainEvent[] = [];
  /** Every live `event` message, as it arrived (heartbeat marks included). */
  arrivals: DomainEvent[] = [];
  /** Events applied from catch-up pages. */
  fetched: DomainEvent[] = [];
  /** The `hello.head` of each connection. */
  hellos: number[] = [];
  socket: ClientSocket;
  private held: DomainEvent[] = [];
  private liveFrom: number | null = null;
  private caughtUp = false;

  constructor(url: string, cookie: string, after: number) {
    this.lastSeq = after;
    this.socket = connect(url, {
      transports: ['websocket'],
      extraHeaders: { cookie },
      auth: (cb) => cb({ protocol: PROTOCOL_VERSION, after: this.lastSeq }),
      reconnection: false,
    });
    this.socket.on('connect', () => {
      this.liveFrom = null;
      this.caughtUp = false;
      this.held = [];
    });
    this.socket.on('hello', ({ head }) => {
      this.hellos.push(head);
      this.liveFrom = head;
      void this.catchUp();
    });
    this.socket.on('event', (e) => this.receive(e));
  }

  /** Connected, greeted, and caught up to `hello.head`. */
  get live(): boolean {
    return this.caughtUp;
  }

  /** Live events that are case events (not heartbeat marks), by sequence number. */
  get liveSeqs(): number[] {
    return this.arrivals.filter((e) => e.type === 'incident').map((e) => e.seq);
  }

  reconnect(): void {
    this.socket.connect();
  }

  close(): void {
    this.socket.close();
  }

  private receive(e: DomainEvent): void {
    this.arrivals.push(e);
    if (e.seq <= this.lastSeq) return;
    if (!this.caughtUp) this.held.push(e);
    else this.apply(e);
  }

  private apply(e: DomainEvent): void {
    this.applied.push(e);
    this.lastSeq = e.seq;
  }

  private async catchUp(): Promise<void> {
    const target = this.liveFrom!;
    while (this.lastSeq < target) {
      const reply = await this.socket.emitWithAck('catch_up', { after: this.lastSeq, limit: 37 });
      if (!reply.ok) throw new Error(reply.error);
      for (const e of reply.events)
        if (e.seq === this.lastSeq + 1) {
          this.fetched.push(e);
          this.apply(e);
        }
    }
    for (const e of this.held) if (e.seq > this.lastSeq) this.apply(e);
    this.held = [];
    this.caughtUp = true;
  }
}

/** Polls `cond` every 20 ms; throws after `ms` (a failure guard, not a timed assertion). */
export async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

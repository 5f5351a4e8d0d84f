import { z } from 'zod';
import type { DomainEvent } from './events.ts';
import type { PatrolPosition } from './patrol.ts';
import type { User } from './roles.ts';

/**
 * Bumped when the socket protocol changes incompatibly; checked at connect.
 * 2: live events carry only what the user may see (no `skip` per filtered event), in sequence
 * order; `hello.head` is where the live stream starts; a `skip` heartbeat marks the node's cursor.
 */
export const PROTOCOL_VERSION = 2;

/** Sent by the client in `io(url, { auth })`. */
export const SocketAuthSchema = z.object({
  /**
   * This protocol, or an older one: a page older than the server is answered `hello` with the
   * server's version and nothing else, so it reloads itself instead of retrying for ever.
   */
  protocol: z.number().int().min(1).max(PROTOCOL_VERSION),
  /** Sequence number of the last event the client applied (0 for none). */
  after: z.number().int().min(0),
});
export type SocketAuth = z.infer<typeof SocketAuthSchema>;

export const CatchUpSchema = z.object({
  after: z.number().int().min(0),
  limit: z.number().int().min(1).max(1000).default(500),
});

/** A page of the log (filtered events as `skip`) and the log's head in the database. */
export type CatchUpReply = { ok: true; events: DomainEvent[]; head: number } | { ok: false; error: string };

export interface ServerToClientEvents {
  /**
   * Once per connection, before any event: the last sequence number this node broadcast before
   * the socket joined. `catch_up` covers up to it; every `event` after it arrives live.
   */
  hello: (info: { protocol: number; head: number; user: Pick<User, 'id' | 'role' | 'displayName'> }) => void;
  /**
   * The events this user may see, strictly in sequence order, each saying "nothing else for you
   * since the previous one"; a `skip` (every few seconds while the log moves) says "nothing else
   * for you up to its seq".
   */
  event: (e: DomainEvent) => void;
  /** Patrol positions: volatile and throttled (a missed one is fine; a stale one fades on the wall). */
  positions: (p: PatrolPosition[]) => void;
}

export interface ClientToServerEvents {
  /** Ask for the events after a sequence number, in pages; repeat until `head` is reached. */
  catch_up: (req: z.input<typeof CatchUpSchema>, ack: (reply: CatchUpReply) => void) => void;
}

export interface SocketData {
  user: User;
}

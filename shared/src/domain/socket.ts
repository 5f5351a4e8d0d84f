import { z } from 'zod';
import type { DomainEvent } from './events.ts';
import type { PatrolPosition } from './patrol.ts';
import type { User } from './roles.ts';

/** Bumped when the socket protocol changes incompatibly; checked at connect. */
export const PROTOCOL_VERSION = 1;

/** Sent by the client in `io(url, { auth })`. */
export const SocketAuthSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  /** Sequence number of the last event the client applied (0 for none). */
  after: z.number().int().min(0),
});
export type SocketAuth = z.infer<typeof SocketAuthSchema>;

export const CatchUpSchema = z.object({
  after: z.number().int().min(0),
  limit: z.number().int().min(1).max(1000).default(500),
});

export type CatchUpReply = { ok: true; events: DomainEvent[]; head: number } | { ok: false; error: string };

export interface ServerToClientEvents {
  /** Once per connection: the newest sequence number, so the client knows how far to catch up. */
  hello: (info: { protocol: number; head: number; user: Pick<User, 'id' | 'role' | 'displayName'> }) => void;
  /** Every domain event in sequence order (filtered ones arrive as `skip`). */
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

import type { IoServer } from './types.ts';

/** The room every socket of a session joins at connect, so the session's end can reach it on any node. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/**
 * Close the sockets of ended sessions, on this node and (through the adapter) on every other.
 * `true` closes the underlying connection too: nothing of the session stays open.
 */
export function sessionDisconnector(io: IoServer): (sessionIds: readonly string[]) => void {
  return (ids) => io.in(ids.map(sessionRoom)).disconnectSockets(true);
}

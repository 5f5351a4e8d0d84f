import { roomsOfEvent, roomsOfPosition, type IncidentEvent, type PatrolPosition } from '@streetchief/shared';
import { PositionThrottle } from '../patrol/positionThrottle.ts';
import type { IoServer } from './types.ts';

/**
 * The only code that emits live data. Domain events go to this node's own sockets only
 * (`io.local`): every node reads them from the log in sequence order (EventTail), so none relays
 * another's and none depends on another being alive. Each event is one broadcast, encoded once,
 * to the rooms that may see its case; a socket outside them hears nothing of it. Over one ordered
 * connection, an event also says "nothing else for you since the last one", and the heartbeat
 * mark says it up to the cursor, so a client tells a filtered event from a lost one without a
 * message per event.
 */
export class Broadcaster {
  constructor(private readonly io: IoServer) {}

  /** Patrol positions: volatile (a lost one is fine, the next replaces it), throttled per user, to the rooms that see that grid, through the adapter. */
  private readonly positions = new PositionThrottle((p) => this.io.volatile.to(roomsOfPosition(p)).emit('positions', [p]));

  publishPositions(positions: readonly PatrolPosition[]): void {
    for (const p of positions) this.positions.offer(p);
  }

  /** Events in sequence order, each to this node's sockets in its rooms. */
  send(events: readonly IncidentEvent[]): void {
    for (const e of events) this.io.local.to(roomsOfEvent(e)).emit('event', e);
  }

  /** "Nothing else for you up to `seq`", to every socket of this node in one broadcast. */
  mark(seq: number): void {
    this.io.local.emit('event', { seq, type: 'skip' });
  }
}

import { roomsOfEvent, roomsOfPosition, type IncidentEvent, type PatrolPosition } from '@streetchief/shared';
import { PositionThrottle } from '../patrol/positionThrottle.ts';
import type { IoServer } from './types.ts';

/**
 * The only code that emits domain events. Each event goes in full to the rooms that may see its
 * case and as a bare `skip` (sequence number only) to everyone else, so every client receives every
 * sequence number exactly once and can tell a filtered event from a lost one.
 */
export class Broadcaster {
  constructor(private readonly io: IoServer) {}

  /** Patrol positions: volatile (a lost one is fine, the next replaces it), throttled per user, to the rooms that see that grid. */
  private readonly positions = new PositionThrottle((p) => this.io.volatile.to(roomsOfPosition(p)).emit('positions', [p]));

  publishPositions(positions: readonly PatrolPosition[]): void {
    for (const p of positions) this.positions.offer(p);
  }

  publish(events: readonly IncidentEvent[]): void {
    for (const e of events) {
      const rooms = roomsOfEvent(e);
      this.io.to(rooms).emit('event', e);
      this.io.except(rooms).emit('event', { seq: e.seq, type: 'skip' });
    }
  }
}

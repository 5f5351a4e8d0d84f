import { canSeeEvent, type DomainEvent, type IncidentEvent, type User } from '@streetchief/shared';

/** What a user may receive of a logged event: the event, or only its sequence number. */
export function visibleTo(user: User, e: IncidentEvent): DomainEvent {
  return canSeeEvent(user, e) ? e : { seq: e.seq, type: 'skip' };
}

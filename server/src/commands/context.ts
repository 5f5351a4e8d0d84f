import type { Actor, IncidentEvent, PatrolPosition, User } from '@streetchief/shared';
import type { Reference } from '../reference.ts';
import type { PhotoStorage } from '../store/photoStorage.ts';
import type { Store } from '../store/store.ts';

/** What every command needs: storage, reference data, the clock and where committed events go. */
export interface CommandContext {
  store: Store;
  ref: Reference;
  now: () => Date;
  photos: PhotoStorage;
  /** Called after commit with the events the command appended. */
  publish: (events: readonly IncidentEvent[]) => void;
  /** Live patrol positions (volatile, throttled by the broadcaster); absent where nothing listens. */
  publishPositions?: (positions: readonly PatrolPosition[]) => void;
}

export const actorOf = (u: User): Actor => ({ id: u.id, role: u.role, name: u.displayName, departmentCode: u.departmentCode ?? null });

import type { ActionBody } from '@streetchief/shared/domain/actions';
import type { CreateIncident } from '@streetchief/shared/domain/incident';
import type { PatrolAction, SightingInput, StartPatrol, TrackPoint } from '@streetchief/shared/domain/patrol';
import type { SubmitDailyReport } from '@streetchief/shared/field/dailyReport';

/**
 * What the phone has to send, one entry per request. Every entry carries the ids the server uses
 * for idempotency (made on the phone), so sending one twice (a lost answer, two tabs) does no harm:
 * the server answers 200 with what it already has.
 */
export type OutboxPayload =
  | { kind: 'photo'; photoId: string }
  | { kind: 'report'; body: CreateIncident }
  | { kind: 'sighting'; incidentId: string; body: SightingInput }
  | { kind: 'patrol_start'; body: StartPatrol }
  | { kind: 'patrol_action'; patrolId: string; body: PatrolAction }
  | { kind: 'track'; patrolId: string; points: TrackPoint[] }
  | { kind: 'daily'; body: SubmitDailyReport }
  | { kind: 'check'; incidentId: string; body: ActionBody };

export type OutboxKind = OutboxPayload['kind'];

export interface OutboxItem {
  /** Insertion order (IndexedDB key): items go out in this order. */
  seq?: number;
  /** Groups a report with its photos, so the list shows them as one and a refused photo is dropped from its report. */
  group: string;
  createdAt: number;
  attempts: number;
  /** The server refused it for good (400/403/404/409): kept for the user to see, never resent. */
  failed: { status: number; reason: string } | null;
  /** Last transient problem (offline, 5xx), for the list. */
  lastError: string | null;
  /** Short text for the list, e.g. the case class name. */
  label: string;
  payload: OutboxPayload;
}

/** Does this item use that photo? (A refused photo is taken out of the items that reference it.) */
export function withoutPhoto(p: OutboxPayload, photoId: string): OutboxPayload | null {
  const drop = (ids: string[]) => ids.filter((id) => id !== photoId);
  switch (p.kind) {
    case 'report':
      return p.body.photoIds.includes(photoId) ? { ...p, body: { ...p.body, photoIds: drop(p.body.photoIds) } } : null;
    case 'sighting':
      return p.body.photoIds.includes(photoId) ? { ...p, body: { ...p.body, photoIds: drop(p.body.photoIds) } } : null;
    case 'check':
      if ((p.body.type === 'check_pass' || p.body.type === 'check_fail' || p.body.type === 'feedback') && p.body.photoIds.includes(photoId))
        return { ...p, body: { ...p.body, photoIds: drop(p.body.photoIds) } };
      return null;
    default:
      return null;
  }
}

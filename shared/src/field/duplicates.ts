import type { Incident } from '../domain/incident.ts';
import { distanceM } from './distance.ts';

/**
 * The one rule for "this may be the same problem" (可能重复), used by the phone before a report is
 * sent and by the server when it stores one: a case of the same class, within `radiusM` of the
 * report, reported in the last `maxAgeMs`, and not voided (open or closed: a problem closed
 * yesterday and reported again at the same spot is as likely the same one). The reporter's own
 * reports count: a double tap, or a resend from a second phone, is the commonest duplicate.
 */
export const DUPLICATE_RULE = {
  radiusM: 50,
  maxAgeMs: 7 * 86_400_000,
  /** The server keeps at most this many on a case, nearest first. */
  max: 5,
} as const;

export type DuplicateRule = { radiusM: number; maxAgeMs: number; max: number };

/** Cases of the same class within this distance are offered as likely duplicates. */
export const DUPLICATE_RADIUS_M = DUPLICATE_RULE.radiusM;

export type DuplicateCandidate = Pick<Incident, 'id' | 'categoryCode' | 'lng' | 'lat' | 'status' | 'reportedAt'>;

/** A report as the rule reads it: its class, its place and when it is made. */
export interface DuplicateProbe {
  category: string;
  lng: number;
  lat: number;
  /** When the report is made; the phone's clock before sending, the server's when storing. */
  at: Date;
}

/** The oldest report time (ISO) a duplicate may have, for a report made at `at`. */
export function duplicateSince(at: Date, rule: DuplicateRule = DUPLICATE_RULE): string {
  return new Date(at.getTime() - rule.maxAgeMs).toISOString();
}

/**
 * How far a case is from a report if the rule counts it as a likely duplicate, else null. A case
 * "reported" after the report (a clock a little ahead) counts: it is still the same moment.
 */
export function duplicateDistance(c: DuplicateCandidate, report: DuplicateProbe, rule: DuplicateRule = DUPLICATE_RULE): number | null {
  if (c.categoryCode !== report.category || c.status === 'voided') return null;
  const reported = Date.parse(c.reportedAt);
  if (!(reported >= report.at.getTime() - rule.maxAgeMs)) return null;
  const d = distanceM(report.lng, report.lat, c.lng, c.lat);
  return d <= rule.radiusM ? d : null;
}

/**
 * The likely duplicates of a report among `cases`, nearest first (ties by id, so the order is
 * stable), at most `rule.max`: before a report is sent the reporter sees them and may attach to
 * one instead (FixMyStreet's "is it one of these?"); when it is stored they go on the case.
 */
export function likelyDuplicates<T extends DuplicateCandidate>(
  cases: Iterable<T>,
  report: DuplicateProbe,
  rule: DuplicateRule = DUPLICATE_RULE,
): { incident: T; distanceM: number }[] {
  const out: { incident: T; distanceM: number }[] = [];
  for (const c of cases) {
    const d = duplicateDistance(c, report, rule);
    if (d !== null) out.push({ incident: c, distanceM: d });
  }
  return out.sort((a, b) => a.distanceM - b.distanceM || a.incident.id.localeCompare(b.incident.id)).slice(0, rule.max);
}

/** A bbox `[w, s, e, n]` around a point, `radiusM` on each side: which grids (or rows) to ask for candidates. */
export function bboxAround(lng: number, lat: number, radiusM: number): [number, number, number, number] {
  const dLat = radiusM / 111_195;
  const dLng = dLat / Math.max(0.01, Math.cos((lat * Math.PI) / 180));
  return [lng - dLng, lat - dLat, lng + dLng, lat + dLat];
}

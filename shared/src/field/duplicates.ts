import type { Incident } from '../domain/incident.ts';
import { isOpenCase } from '../indicators/wall.ts';
import { distanceM } from './distance.ts';

/** Open cases of the same class within this distance are offered as likely duplicates. */
export const DUPLICATE_RADIUS_M = 50;

export type DuplicateCandidate = Pick<Incident, 'id' | 'categoryCode' | 'lng' | 'lat' | 'status'>;

/**
 * Open cases of the same class within `radiusM` of a new report, nearest first: before a report is
 * sent the reporter sees them and may attach to one instead (FixMyStreet's "is it one of these?").
 */
export function likelyDuplicates<T extends DuplicateCandidate>(
  cases: Iterable<T>,
  report: { category: string; lng: number; lat: number },
  radiusM: number = DUPLICATE_RADIUS_M,
): { incident: T; distanceM: number }[] {
  const out: { incident: T; distanceM: number }[] = [];
  for (const c of cases) {
    if (c.categoryCode !== report.category || !isOpenCase(c)) continue;
    const d = distanceM(report.lng, report.lat, c.lng, c.lat);
    if (d <= radiusM) out.push({ incident: c, distanceM: d });
  }
  return out.sort((a, b) => a.distanceM - b.distanceM || a.incident.id.localeCompare(b.incident.id));
}

/** A bbox `[w, s, e, n]` around a point, `radiusM` on each side: which grids to ask for candidates. */
export function bboxAround(lng: number, lat: number, radiusM: number): [number, number, number, number] {
  const dLat = radiusM / 111_195;
  const dLng = dLat / Math.max(0.01, Math.cos((lat * Math.PI) / 180));
  return [lng - dLng, lat - dLat, lng + dLng, lat + dLat];
}

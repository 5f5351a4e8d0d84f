import type { BBox } from '../geo/polygon.ts';

/**
 * Where a position sent from the street may lie: the one rule for reports' companions (sightings)
 * and patrol tracks.
 *
 * - `in_district` (a sighting, like a report): inside one of the district's grids. The point says
 *   where a problem is, so it must be a place the district answers for.
 * - `near_district` (a track point): within {@link TRACK_MARGIN_M} of the district's bounding box.
 *   A patrol walks the boundary roads, a phone's fix wanders tens of metres, and a patrol may cross
 *   the street into the next district, so points just outside are real track; a point kilometres
 *   away, in another province or at (0, 0) is a broken fix or a made-up one and is refused.
 *
 * (0, 0) is refused under both rules, by name: it is what a phone without a fix sends.
 */
export type PositionRule = 'in_district' | 'near_district';

/** How far outside the district's bounding box a track point may still lie. */
export const TRACK_MARGIN_M = 1_000;

/** What the rule needs to know about the district. */
export interface DistrictArea {
  /** The grid containing the point (anything non-null), or null outside every grid. */
  locate(lng: number, lat: number): unknown;
  /** `[minLng, minLat, maxLng, maxLat]` of all grids; null for a district without grids. */
  bounds: BBox | null;
}

/** Which coordinate to name in an answer, and why the position is refused. */
export interface PositionProblem {
  field: 'lng' | 'lat';
  reason: string;
}

/** Metres per degree of latitude (and of longitude at the equator) on the mean Earth sphere. */
const M_PER_DEG = 111_195;

/** Why the position breaks `rule`, or null when it is acceptable. */
export function positionProblem(rule: PositionRule, lng: number, lat: number, area: DistrictArea): PositionProblem | null {
  if (!Number.isFinite(lng)) return { field: 'lng', reason: 'a longitude in degrees' };
  if (!Number.isFinite(lat)) return { field: 'lat', reason: 'a latitude in degrees' };
  if (lng === 0 && lat === 0) return { field: 'lat', reason: '(0, 0) is what a phone sends without a fix, not a position' };
  const b = area.bounds;
  if (!b) return { field: 'lng', reason: 'the district has no grids yet' };
  const dLat = TRACK_MARGIN_M / M_PER_DEG;
  const dLng = TRACK_MARGIN_M / (M_PER_DEG * Math.cos((((b[1] + b[3]) / 2) * Math.PI) / 180));
  // Name the coordinate that is off, so the answer points at what the phone got wrong.
  if (lat < b[1] - dLat || lat > b[3] + dLat) return { field: 'lat', reason: `latitude ${lat} is far outside the district` };
  if (lng < b[0] - dLng || lng > b[2] + dLng) return { field: 'lng', reason: `longitude ${lng} is far outside the district` };
  if (rule === 'in_district' && area.locate(lng, lat) == null) {
    return { field: 'lng', reason: `point (${lng}, ${lat}) is outside the district` };
  }
  return null;
}

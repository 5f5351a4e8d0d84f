import type { PolygonCoords } from '../domain/district.ts';

/** A GeoJSON position as used throughout: `[lng, lat]` in WGS 84 degrees. */
export type LngLat = readonly [number, number];

/** Bounding box `[minLng, minLat, maxLng, maxLat]`, the GeoJSON `bbox` order. */
export type BBox = [number, number, number, number];

/**
 * Mean Earth radius in metres (IUGG R1). A sphere is plenty for grid areas of a few km²: the
 * ellipsoidal correction is below 0.5 %, and what callers compare is areas with each other.
 */
export const EARTH_RADIUS_M = 6_371_008.8;

const DEG = Math.PI / 180;

/** Bounding box of every ring of a polygon (holes cannot extend it, but malformed data might). */
export function polygonBBox(polygon: PolygonCoords): BBox {
  return ringsBBox(polygon);
}

/** Bounding box of several polygons together, or `null` when there is no vertex at all. */
export function unionBBox(polygons: Iterable<PolygonCoords>): BBox | null {
  let box: BBox | null = null;
  for (const polygon of polygons) {
    const b = ringsBBox(polygon);
    if (!Number.isFinite(b[0])) continue;
    box = box ? [Math.min(box[0], b[0]), Math.min(box[1], b[1]), Math.max(box[2], b[2]), Math.max(box[3], b[3])] : b;
  }
  return box;
}

function ringsBBox(rings: readonly (readonly LngLat[])[]): BBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const ring of rings) {
    for (const [x, y] of ring) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

/** The rectangle of a bbox as a closed, counter-clockwise polygon (RFC 7946 winding). */
export function bboxPolygon([w, s, e, n]: BBox): PolygonCoords {
  return [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ];
}

/**
 * Signed area of one ring in m², positive when counter-clockwise.
 *
 * Shoelace formula in the Lambert cylindrical equal-area projection (x = Rλ, y = R·sin φ). We use
 * that projection rather than a projection centred on each polygon because it is equal-area and
 * has no reference point: the area of a tiling then equals the sum of its tiles' areas up to
 * floating-point rounding, which is exactly what the "no gaps, no overlaps" checks rely on.
 * Coordinates are taken relative to the first vertex so large longitudes do not cost precision.
 */
export function ringArea(ring: readonly LngLat[]): number {
  const first = ring[0];
  if (!first || ring.length < 3) return 0;
  const x0 = first[0] * DEG;
  const y0 = Math.sin(first[1] * DEG);
  let twice = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % ring.length]!;
    const ax = a[0] * DEG - x0;
    const ay = Math.sin(a[1] * DEG) - y0;
    const bx = b[0] * DEG - x0;
    const by = Math.sin(b[1] * DEG) - y0;
    twice += ax * by - bx * ay;
  }
  return (twice / 2) * EARTH_RADIUS_M * EARTH_RADIUS_M;
}

/** Area of a polygon in m²: outer ring minus holes, whatever their winding. */
export function polygonArea(polygon: PolygonCoords): number {
  let area = 0;
  polygon.forEach((ring, i) => {
    const a = Math.abs(ringArea(ring));
    area += i === 0 ? a : -a;
  });
  return area;
}

/** Whether a polygon's outer ring is strictly convex (every turn the same way, no collinear turn). */
export function isConvexRing(ring: readonly LngLat[]): boolean {
  const pts = openRing(ring);
  if (pts.length < 3) return false;
  let sign = 0;
  for (let i = 0; i < pts.length; i++) {
    const a = pts[i]!;
    const b = pts[(i + 1) % pts.length]!;
    const c = pts[(i + 2) % pts.length]!;
    const cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
    if (cross === 0) return false;
    const s = Math.sign(cross);
    if (sign === 0) sign = s;
    else if (s !== sign) return false;
  }
  return true;
}

/** A ring without its closing vertex (GeoJSON rings repeat the first vertex at the end). */
export function openRing(ring: readonly LngLat[]): LngLat[] {
  const first = ring[0];
  const last = ring[ring.length - 1];
  const closed = ring.length > 1 && first && last && first[0] === last[0] && first[1] === last[1];
  return closed ? ring.slice(0, -1) : ring.slice();
}

/**
 * A point strictly inside the polygon (not on its boundary, not in a hole), for labels and for
 * "which grid is this" round trips. The centroid is not used because it can fall outside concave
 * polygons. Instead a horizontal scan line is cast half-way between two vertex latitudes (so it
 * never passes through a vertex), its crossings with all rings are paired into inside intervals,
 * and the midpoint of the widest interval is returned. A few scan lines near the middle of the
 * bbox are tried and the widest interval wins, which keeps the point well away from the edges.
 * Returns `null` only for degenerate input (no area).
 */
export function interiorPoint(polygon: PolygonCoords): [number, number] | null {
  const ys = [...new Set(polygon.flatMap((ring) => ring.map((p) => p[1])))].sort((a, b) => a - b);
  if (ys.length < 2) return null;
  const mid = (ys[0]! + ys[ys.length - 1]!) / 2;
  const candidates: number[] = [];
  for (let i = 0; i + 1 < ys.length; i++) candidates.push((ys[i]! + ys[i + 1]!) / 2);
  // Scan lines nearest the middle first; eight are enough to dodge a thin neck or a hole.
  candidates.sort((a, b) => Math.abs(a - mid) - Math.abs(b - mid));
  let best: { x: number; y: number; width: number } | null = null;
  for (const y of candidates.slice(0, 8)) {
    const xs: number[] = [];
    for (const ring of polygon) {
      const pts = openRing(ring);
      for (let i = 0; i < pts.length; i++) {
        const a = pts[i]!;
        const b = pts[(i + 1) % pts.length]!;
        // Half-open rule: count an edge when y is in [min, max) of its endpoints.
        if (a[1] <= y !== b[1] <= y) xs.push(a[0] + ((y - a[1]) / (b[1] - a[1])) * (b[0] - a[0]));
      }
    }
    xs.sort((a, b) => a - b);
    for (let i = 0; i + 1 < xs.length; i += 2) {
      const width = xs[i + 1]! - xs[i]!;
      if (width > 0 && (!best || width > best.width)) best = { x: (xs[i]! + xs[i + 1]!) / 2, y, width };
    }
  }
  return best ? [best.x, best.y] : null;
}

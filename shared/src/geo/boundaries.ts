import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { featureCollection, polygon as turfPolygon } from '@turf/helpers';
import { union } from '@turf/union';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { PolygonCoords } from '../domain/district.ts';
import { interiorPoint, polygonArea } from './polygon.ts';

/**
 * Community and street boundaries dissolved from the grid polygons (a district imports grids; the
 * outlines of its communities and streets are the unions of their grids), with one label point
 * per area. Pure and deterministic: the server computes it once per reference version.
 */

export type BoundaryLevel = 'street' | 'community';

export interface BoundaryProps {
  level: BoundaryLevel;
  /** `area`: the dissolved (multi)polygon; `label`: the point its name is drawn at. */
  role: 'area' | 'label';
  code: string;
  name: string;
  /** The English name, when the district has one (English screens fall back to `name`). */
  nameEn?: string;
  /** The street the area belongs to (its own code for a street). */
  streetCode: string;
  /** Area in m² (labels carry their area's, so a map can put big areas' names first). */
  areaM2: number;
}

export type BoundaryFeature = Feature<Polygon | MultiPolygon | Point, BoundaryProps>;
export type BoundaryCollection = FeatureCollection<Polygon | MultiPolygon | Point, BoundaryProps>;

export interface BoundaryInput {
  grids: readonly { code: string; communityCode: string; streetCode: string; polygon: PolygonCoords }[];
  communities: readonly { code: string; name: string; nameEn?: string }[];
  streets: readonly { code: string; name: string; nameEn?: string }[];
}

/**
 * Pieces and holes smaller than this (m²) are digitising noise left by grids that do not share
 * every vertex exactly (the import tolerates gaps and overlaps below 1 m²): dropped, so a community
 * is not drawn with specks and pinholes.
 */
export const SLIVER_M2 = 100;

/** Coordinates are snapped to 1e-6° (about 0.1 m): plenty for a wall, and a smaller answer. */
const round = (v: number) => Math.round(v * 1e6) / 1e6;

const snap = (p: PolygonCoords): PolygonCoords => p.map((r) => r.map(([x, y]) => [round(x), round(y)] as [number, number]));

function dissolve(polygons: readonly PolygonCoords[]): PolygonCoords[] {
  if (polygons.length === 0) return [];
  // Snapped first: neighbours digitised a few millimetres apart then meet instead of leaving a seam.
  const snapped = polygons.map(snap);
  const merged = snapped.length === 1 ? turfPolygon(snapped[0]!) : union(featureCollection(snapped.map((p) => turfPolygon(p))));
  if (!merged) return [];
  const parts = (merged.geometry.type === 'Polygon' ? [merged.geometry.coordinates] : merged.geometry.coordinates) as PolygonCoords[];
  const kept: PolygonCoords[] = [];
  for (const [outer, ...holes] of parts) {
    if (!outer || polygonArea([outer]) < SLIVER_M2) continue;
    kept.push(snap([outer, ...holes.filter((h) => polygonArea([h]) >= SLIVER_M2)]));
  }
  return kept;
}

function geometryOf(parts: PolygonCoords[]): Polygon | MultiPolygon {
  return parts.length === 1 ? { type: 'Polygon', coordinates: parts[0]! } : { type: 'MultiPolygon', coordinates: parts };
}

/** Area-weighted centroid of a ring (planar in degrees, fine at a district's scale). */
function ringCentroid(ring: PolygonCoords[number]): [number, number] | null {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [px, py] = ring[i]!;
    const [qx, qy] = ring[j]!;
    const f = qx * py - px * qy;
    a += f;
    cx += (qx + px) * f;
    cy += (qy + py) * f;
  }
  return a === 0 ? null : [cx / (3 * a), cy / (3 * a)];
}

/**
 * Where an area's name goes: the centroid of its largest piece when that lies inside the piece
 * (it does for the compact shapes of communities and streets), else a point well inside it.
 */
export function boundaryLabelPoint(parts: readonly PolygonCoords[]): [number, number] | null {
  let best: PolygonCoords | null = null;
  let bestArea = -1;
  for (const p of parts) {
    const a = polygonArea(p);
    if (a > bestArea) [best, bestArea] = [p, a];
  }
  if (!best) return null;
  const c = ringCentroid(best[0]!);
  if (c && booleanPointInPolygon(c, turfPolygon(best))) return c;
  return interiorPoint(best);
}

/**
 * Where a street's name goes: the centre of one of its grids, chosen to be clear of every
 * community's name and of the street's edge (east–west distances count a third: names are wide
 * and short) and near the street's middle, so the street's large name and the community names do
 * not sit on each other. Falls back to the street's own label point.
 */
export function streetLabelPoint(
  parts: readonly PolygonCoords[],
  grids: readonly PolygonCoords[],
  communityLabels: readonly [number, number][],
): [number, number] | null {
  const middle = boundaryLabelPoint(parts);
  if (!middle || grids.length === 0 || communityLabels.length === 0) return middle;
  const k = Math.cos((middle[1] * Math.PI) / 180) / 3;
  const dist = (a: readonly number[], b: readonly number[]) => Math.hypot((a[0]! - b[0]!) * k, a[1]! - b[1]!);
  const toSegment = (p: readonly number[], a: readonly number[], b: readonly number[]) => {
    const [ax, ay, bx, by, px, py] = [a[0]! * k, a[1]!, b[0]! * k, b[1]!, p[0]! * k, p[1]!];
    const len = (bx - ax) ** 2 + (by - ay) ** 2;
    const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / len));
    return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
  };
  const edges = parts.flatMap((p) => p.flatMap((ring) => ring.slice(1).map((b, i) => [ring[i]!, b] as const)));
  let best: [number, number] = middle;
  let bestScore = -Infinity;
  for (const g of grids) {
    const c = ringCentroid(g[0]!);
    if (!c) continue;
    const clearOfNames = Math.min(...communityLabels.map((p) => dist(c, p)));
    const clearOfEdge = Math.min(...edges.map(([a, b]) => toSegment(c, a, b)));
    const score = Math.min(clearOfNames, 2 * clearOfEdge) - 0.3 * dist(c, middle);
    if (score > bestScore) [best, bestScore] = [c, score];
  }
  return best;
}

/**
 * The dissolved boundaries: one area and one label feature per community and per street that has
 * grids, streets first. Communities and streets without a name are drawn, and labelled by code.
 */
export function dissolveBoundaries(input: BoundaryInput): BoundaryCollection {
  const communityNames = new Map(input.communities.map((c) => [c.code, c]));
  const streetNames = new Map(input.streets.map((s) => [s.code, s]));
  const byCommunity = new Map<string, { streetCode: string; polygons: PolygonCoords[] }>();
  for (const g of input.grids) {
    let entry = byCommunity.get(g.communityCode);
    if (!entry) byCommunity.set(g.communityCode, (entry = { streetCode: g.streetCode, polygons: [] }));
    entry.polygons.push(g.polygon);
  }
  const communities: { code: string; streetCode: string; parts: PolygonCoords[] }[] = [];
  for (const [code, { streetCode, polygons }] of [...byCommunity].sort(([a], [b]) => a.localeCompare(b)))
    communities.push({ code, streetCode, parts: dissolve(polygons) });

  const byStreet = new Map<string, PolygonCoords[]>();
  for (const c of communities) byStreet.set(c.streetCode, [...(byStreet.get(c.streetCode) ?? []), ...c.parts]);
  const streets = [...byStreet]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, polygons]) => ({ code, streetCode: code, parts: dissolve(polygons) }));

  // Community names first: the street names are then put where they are not.
  const communityLabels = new Map(communities.map((c) => [c.code, boundaryLabelPoint(c.parts)]));
  const labelsOf = (level: BoundaryLevel, area: { code: string; parts: PolygonCoords[] }) =>
    level === 'community'
      ? (communityLabels.get(area.code) ?? null)
      : streetLabelPoint(
          area.parts,
          input.grids.filter((g) => g.streetCode === area.code).map((g) => snap(g.polygon)),
          [...communityLabels.values()].filter((p): p is [number, number] => p !== null),
        );

  const features: BoundaryFeature[] = [];
  const add = (
    level: BoundaryLevel,
    names: Map<string, { name: string; nameEn?: string }>,
    areas: { code: string; streetCode: string; parts: PolygonCoords[] }[],
  ) => {
    for (const a of areas) {
      if (a.parts.length === 0) continue;
      const named = names.get(a.code);
      const props = {
        level,
        code: a.code,
        name: named?.name || a.code,
        ...(named?.nameEn ? { nameEn: named.nameEn } : {}),
        streetCode: a.streetCode,
        areaM2: Math.round(a.parts.reduce((s, p) => s + polygonArea(p), 0)),
      };
      features.push({ type: 'Feature', id: `${level}:${a.code}`, geometry: geometryOf(a.parts), properties: { ...props, role: 'area' } });
      const at = labelsOf(level, a);
      if (at)
        features.push({
          type: 'Feature',
          id: `${level}-label:${a.code}`,
          geometry: { type: 'Point', coordinates: [round(at[0]), round(at[1])] },
          properties: { ...props, role: 'label' },
        });
    }
  };
  add('street', streetNames, streets);
  add('community', communityNames, communities);
  return { type: 'FeatureCollection', features };
}

import type { GridCollection, GridGeometry } from '../api/grids.ts';

type Ring = number[][];

/** Area-weighted centroid and (absolute) area of a ring, in degrees (fine at a district's scale). */
function ringCentroid(ring: Ring): { x: number; y: number; area: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const p = ring[i]!;
    const q = ring[j]!;
    const f = q[0]! * p[1]! - p[0]! * q[1]!;
    a += f;
    cx += (q[0]! + p[0]!) * f;
    cy += (q[1]! + p[1]!) * f;
  }
  if (a === 0) {
    const first = ring[0] ?? [0, 0];
    return { x: first[0]!, y: first[1]!, area: 0 };
  }
  return { x: cx / (3 * a), y: cy / (3 * a), area: Math.abs(a / 2) };
}

/** The label point of a (multi)polygon: the centroid of its largest outer ring. */
export function labelPoint(geometry: GridGeometry): { x: number; y: number; area: number } {
  const outers = geometry.type === 'Polygon' ? [geometry.coordinates[0] ?? []] : geometry.coordinates.map((p) => p[0] ?? []);
  let best = { x: 0, y: 0, area: -1 };
  for (const ring of outers) {
    const c = ringCentroid(ring);
    if (c.area > best.area) best = c;
  }
  return best;
}

/** "东安社区第01网格" → "第01网格": the community name is on the map already. */
export function shortGridName(name: string, communityName: string): string {
  return communityName && name.startsWith(communityName) && name.length > communityName.length ? name.slice(communityName.length) : name;
}

/** "Dong'an Grid 03" → "Grid 03" (the community's name is on the map already); as is otherwise. */
export function shortGridNameEn(nameEn: string | undefined): string | undefined {
  if (!nameEn) return undefined;
  return nameEn.match(/\bGrid\s*\d+$/i)?.[0] ?? nameEn;
}

export interface LabelProps {
  kind: 'grid' | 'community';
  name: string;
  /** The short English name ("Grid 03"), when the district has English names. */
  nameEn?: string;
  /** The grid's code (grid points only): the wall keys feature state on it (daily-report marks). */
  code?: string;
  /** Placement priority for grid labels (lower first). */
  rank: number;
}

/**
 * Label points computed once from the grid polygons: one per grid (short name) and one per
 * community (area-weighted mean of its grids' centroids). Separate points, not polygon labels,
 * so a grid split across tiles is not labelled twice.
 */
export function buildLabelPoints(grids: GridCollection): GeoJSON.FeatureCollection<GeoJSON.Point, LabelProps> {
  const features: GeoJSON.Feature<GeoJSON.Point, LabelProps>[] = [];
  const communities = new Map<string, { name: string; x: number; y: number; area: number }>();
  grids.features.forEach((f, i) => {
    const c = labelPoint(f.geometry);
    const p = f.properties;
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [c.x, c.y] },
      properties: {
        kind: 'grid',
        name: shortGridName(p.name, p.communityName),
        ...(shortGridNameEn(p.nameEn) ? { nameEn: shortGridNameEn(p.nameEn) } : {}),
        rank: i,
        code: p.code,
      },
    });
    const acc = communities.get(p.communityCode) ?? { name: p.communityName, x: 0, y: 0, area: 0 };
    const w = c.area || 1e-12;
    acc.x += c.x * w;
    acc.y += c.y * w;
    acc.area += w;
    communities.set(p.communityCode, acc);
  });
  for (const acc of communities.values()) {
    if (!acc.name) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [acc.x / acc.area, acc.y / acc.area] },
      properties: { kind: 'community', name: acc.name, rank: 0 },
    });
  }
  return { type: 'FeatureCollection', features };
}

import Flatbush from 'flatbush';
import { area } from '@turf/area';
import { featureCollection, polygon as turfPolygon } from '@turf/helpers';
import { intersect } from '@turf/intersect';
import { union } from '@turf/union';
import type { MultiPolygon, Polygon } from 'geojson';
import type { PolygonCoords } from '../domain/district.ts';
import { interiorPoint, polygonBBox } from '../geo/polygon.ts';
import { problem, type Problem } from './problem.ts';

/** A grid as the topology checks see it. */
export interface TopologyGrid {
  code: string;
  polygon: PolygonCoords;
}

/**
 * Areas below these are digitising noise, not mistakes: two neighbours traced separately rarely
 * share every vertex exactly, and the slivers between them are a fraction of a square metre.
 */
export interface TopologyTolerance {
  /** Overlaps of two grids smaller than this many m² are ignored (default 1). */
  overlapM2: number;
  /** Holes in the union smaller than this many m² are ignored (default 1). */
  gapM2: number;
}

export const DEFAULT_TOLERANCE: TopologyTolerance = { overlapM2: 1, gapM2: 1 };

const round = (m2: number) => (m2 >= 100 ? Math.round(m2) : Math.round(m2 * 10) / 10);

function bboxIndex(grids: readonly TopologyGrid[]): Flatbush {
  const index = new Flatbush(Math.max(grids.length, 1));
  for (const g of grids) {
    const [w, s, e, n] = polygonBBox(g.polygon);
    index.add(w, s, e, n);
  }
  // Flatbush refuses to finish with fewer items than announced: pad an empty set with a far box.
  if (grids.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  return index;
}

/** The largest part of a (multi)polygon and a point inside it. */
function largestPart(g: Polygon | MultiPolygon): { at: [number, number] | null } {
  const parts = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let best: PolygonCoords | null = null;
  let bestArea = -1;
  for (const p of parts) {
    const a = area(turfPolygon(p));
    if (a > bestArea) [best, bestArea] = [p as PolygonCoords, a];
  }
  return { at: best ? interiorPoint(best) : null };
}

/**
 * Overlaps between grids: pairs whose bounding boxes meet (R-tree prefilter) are intersected
 * exactly; an intersection of at least `tolerance.overlapM2` is reported with both codes, its area
 * and a point inside it.
 */
export function overlapProblems(grids: readonly TopologyGrid[], tolerance = DEFAULT_TOLERANCE): Problem[] {
  const problems: Problem[] = [];
  const index = bboxIndex(grids);
  grids.forEach((a, i) => {
    const [w, s, e, n] = polygonBBox(a.polygon);
    for (const j of index.search(w, s, e, n)) {
      if (j <= i || j >= grids.length) continue;
      const b = grids[j]!;
      const pair = `${a.code} × ${b.code}`;
      let shared: ReturnType<typeof intersect>;
      try {
        shared = intersect(featureCollection([turfPolygon(a.polygon), turfPolygon(b.polygon)]));
      } catch (err) {
        problems.push(problem('topology_failed', pair, '无法计算两网格的交集', `cannot intersect the two grids: ${String(err)}`));
        continue;
      }
      if (!shared) continue;
      const m2 = area(shared);
      if (m2 < tolerance.overlapM2) continue;
      const { at } = largestPart(shared.geometry);
      problems.push(
        problem('grid_overlap', pair, `网格 ${a.code} 与 ${b.code} 重叠约 ${round(m2)} 平方米`, `grids overlap by about ${round(m2)} m²`, {
          areaM2: m2,
          ...(at ? { at } : {}),
        }),
      );
    }
  });
  return problems;
}

/** The district outline the gap check found: the union's outer rings. */
export interface Outline {
  /** Separate pieces of the district (exclaves make more than one). */
  parts: number;
  areaM2: number;
}

/**
 * Gaps: the district outline is the outer ring of the union of all grids, so a gap is a hole of the
 * union, land inside the district that no grid covers. Each hole of at least `tolerance.gapM2` is
 * reported with its area, a point inside it and the grids around it. (A notch in the outer edge is
 * outside the outline by this definition and is not a gap.)
 */
export function gapProblems(
  grids: readonly TopologyGrid[],
  tolerance = DEFAULT_TOLERANCE,
): { problems: Problem[]; outline: Outline | null } {
  if (grids.length === 0) return { problems: [], outline: null };
  let merged: ReturnType<typeof union>;
  try {
    merged = grids.length === 1 ? turfPolygon(grids[0]!.polygon) : union(featureCollection(grids.map((g) => turfPolygon(g.polygon))));
  } catch (err) {
    return {
      problems: [problem('topology_failed', 'file', '无法合并全部网格', `cannot compute the union of the grids: ${String(err)}`)],
      outline: null,
    };
  }
  if (!merged) return { problems: [], outline: null };
  const parts = merged.geometry.type === 'Polygon' ? [merged.geometry.coordinates] : merged.geometry.coordinates;
  const index = bboxIndex(grids);
  const problems: Problem[] = [];
  for (const part of parts) {
    for (const hole of part.slice(1)) {
      const ring = hole as PolygonCoords[number];
      const m2 = area(turfPolygon([ring]));
      if (m2 < tolerance.gapM2) continue;
      const at = interiorPoint([ring]);
      const [w, s, e, n] = polygonBBox([ring]);
      const around = index
        .search(w, s, e, n)
        .filter((i) => i < grids.length)
        .map((i) => grids[i]!.code)
        .sort();
      const near = around.slice(0, 8).join(', ') + (around.length > 8 ? ' …' : '');
      problems.push(
        problem(
          'grid_gap',
          `gap ${problems.length + 1}`,
          `网格之间有约 ${round(m2)} 平方米未覆盖（周边网格 ${near}）`,
          `uncovered gap of about ${round(m2)} m² between grids ${near}`,
          {
            areaM2: m2,
            ...(at ? { at } : {}),
          },
        ),
      );
    }
  }
  const outer = parts.reduce((sum, p) => sum + area(turfPolygon([p[0]!])), 0);
  return { problems, outline: { parts: parts.length, areaM2: outer } };
}

import { kinks } from '@turf/kinks';
import { polygon as turfPolygon } from '@turf/helpers';
import type { PolygonCoords } from '../domain/district.ts';
import { problem, type Problem } from './problem.ts';

/**
 * Plausible coordinates are WGS 84 longitude/latitude. Values far beyond ±180/±90 are what a map
 * still in a projected system (CGCS2000 Gauss–Krüger metres, Web Mercator) looks like.
 */
const PROJECTED_HINT = 1000;

/**
 * Turn GeoJSON polygon coordinates into rings of `[lng, lat]`, or say why they cannot be: not
 * arrays of positions, a non-finite number. A third coordinate (height, from 3-D shapefiles) is
 * dropped.
 */
export function readPolygonCoords(value: unknown): PolygonCoords | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const rings: [number, number][][] = [];
  for (const ring of value) {
    if (!Array.isArray(ring)) return null;
    const out: [number, number][] = [];
    for (const pos of ring) {
      if (!Array.isArray(pos) || pos.length < 2) return null;
      const [x, y] = pos as unknown[];
      if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return null;
      out.push([x, y]);
    }
    rings.push(out);
  }
  return rings;
}

/**
 * Ring checks for one grid polygon: every ring closed, at least 4 positions (a triangle plus the
 * closing vertex), coordinates within longitude/latitude range, and no ring crossing itself or
 * another ring of the polygon (turf `kinks`). Problems name `feature`.
 */
export function ringProblems(feature: string, polygon: PolygonCoords): Problem[] {
  const problems: Problem[] = [];
  let shapeOk = true;
  polygon.forEach((ring, i) => {
    const which = i === 0 ? '外环' : `第${i}个内环`;
    const en = i === 0 ? 'outer ring' : `hole ${i}`;
    if (ring.length < 4) {
      problems.push(problem('ring_too_short', feature, `${which}少于4个坐标点`, `${en} has ${ring.length} positions, needs at least 4`));
      shapeOk = false;
      return;
    }
    const first = ring[0]!;
    const last = ring[ring.length - 1]!;
    if (first[0] !== last[0] || first[1] !== last[1]) {
      problems.push(
        problem('ring_unclosed', feature, `${which}未闭合（首尾坐标不同）`, `${en} is not closed: first and last positions differ`, {
          at: first,
        }),
      );
      shapeOk = false;
    }
    const bad = ring.find(([x, y]) => Math.abs(x) > 180 || Math.abs(y) > 90);
    if (bad) {
      const projected = Math.abs(bad[0]) > PROJECTED_HINT || Math.abs(bad[1]) > PROJECTED_HINT;
      problems.push(
        problem(
          'coordinate_range',
          feature,
          projected ? `坐标 ${bad[0]},${bad[1]} 像是投影坐标，请转换为 WGS 84 经纬度` : `坐标 ${bad[0]},${bad[1]} 超出经纬度范围`,
          projected
            ? `coordinate ${bad[0]},${bad[1]} looks projected; convert to WGS 84 longitude/latitude (EPSG:4326)`
            : `coordinate ${bad[0]},${bad[1]} is outside longitude ±180 / latitude ±90`,
        ),
      );
      shapeOk = false;
    }
  });
  if (!shapeOk) return problems;
  for (const k of kinks(turfPolygon(polygon)).features) {
    const [x, y] = k.geometry.coordinates as [number, number];
    problems.push(problem('ring_self_intersection', feature, '边界自相交', 'the boundary crosses itself', { at: [x, y] }));
  }
  return problems;
}

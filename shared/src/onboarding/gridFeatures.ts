import type { PolygonCoords } from '../domain/district.ts';
import { codeText } from './codes.ts';
import { normalizeName } from './columns.ts';
import { problem, type Problem } from './problem.ts';
import { readPolygonCoords, ringProblems } from './rings.ts';

/**
 * Property names accepted on each grid feature, compared without case, spaces or width (so
 * `GRID_CODE`, `grid_code` and `ｇｒｉｄ＿ｃｏｄｅ` are one name). Chinese first, then English, then the
 * 10-character names shapefile attribute tables (DBF) allow, then pinyin initials (网格编码 → wgbm),
 * which Chinese GIS tables often use. The English names (`name_en`, `community_name_en`,
 * `street_name_en`) are optional: without them English screens show the Chinese names.
 */
export const GRID_PROPERTIES = {
  code: ['网格编码', '网格代码', '网格编号', 'code', 'grid_code', 'gridcode', 'wgbm'],
  name: ['网格名称', '网格名', 'name', 'grid_name', 'gridname', 'wgmc'],
  nameEn: ['网格英文名称', 'name_en', 'grid_name_en', 'grid_en'],
  communityCode: ['社区编码', '社区代码', 'community_code', 'communitycode', 'comm_code', 'sqbm'],
  communityName: ['社区名称', '社区', 'community_name', 'community', 'comm_name', 'sqmc'],
  communityNameEn: ['社区英文名称', 'community_name_en', 'community_en', 'comm_en'],
  streetCode: ['街道编码', '街道代码', 'street_code', 'streetcode', 'street_cod', 'jdbm'],
  streetName: ['街道名称', '街道', 'street_name', 'street', 'street_nam', 'jdmc'],
  streetNameEn: ['街道英文名称', 'street_name_en', 'street_en'],
  chief: ['网格长', 'chief', 'grid_chief', 'wgz'],
} as const;

export type GridProperty = keyof typeof GRID_PROPERTIES;

const PROPERTY_OF = new Map<string, GridProperty>(
  (Object.entries(GRID_PROPERTIES) as [GridProperty, readonly string[]][]).flatMap(([key, names]) =>
    names.map((n) => [normalizeName(n), key]),
  ),
);

/** Coordinate systems a file may declare (old-style GeoJSON `crs`): WGS 84, and CGCS2000 geographic, which agrees with it to centimetres. */
const ACCEPTED_CRS = /(?:crs84|epsg::?4326|epsg::?4490)$/i;

/** A feature read from the file, before the checks across features. */
export interface GridCandidate {
  /** `#3 (35040400200801)`: the feature's position in the file, with its code when readable. */
  label: string;
  code: string;
  name: string;
  /** English names: '' when the feature gives none. */
  nameEn: string;
  communityCode: string;
  communityName: string;
  communityNameEn: string;
  streetCode: string;
  streetName: string;
  streetNameEn: string;
  chief: string;
  /** Null when the geometry is missing or unusable (already reported). */
  polygon: PolygonCoords | null;
}

function propertiesOf(value: unknown): Partial<Record<GridProperty, unknown>> {
  const out: Partial<Record<GridProperty, unknown>> = {};
  if (!value || typeof value !== 'object') return out;
  for (const [name, v] of Object.entries(value)) {
    const key = PROPERTY_OF.get(normalizeName(name));
    // The first spelling wins: a file with both 网格编码 and code uses the Chinese one.
    if (key && out[key] === undefined && v !== null && v !== '') out[key] = v;
  }
  return out;
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

/** The one polygon of a Polygon or single-part MultiPolygon geometry, or the problem with it. */
function polygonOf(label: string, geometry: unknown): { polygon: PolygonCoords | null; problems: Problem[] } {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (!g || typeof g !== 'object')
    return { polygon: null, problems: [problem('geometry_missing', label, '缺少几何图形', 'the feature has no geometry')] };
  let coords: unknown = g.coordinates;
  if (g.type === 'MultiPolygon') {
    if (!Array.isArray(coords) || coords.length !== 1) {
      const n = Array.isArray(coords) ? coords.length : 0;
      return {
        polygon: null,
        problems: [
          problem(
            'geometry_multipart',
            label,
            `网格应为一个整块，此处有${n}块`,
            `a grid must be one piece; this MultiPolygon has ${n} parts`,
          ),
        ],
      };
    }
    coords = coords[0];
  } else if (g.type !== 'Polygon') {
    return {
      polygon: null,
      problems: [
        problem(
          'geometry_type',
          label,
          `几何类型应为面（Polygon），此处为 ${String(g.type)}`,
          `geometry must be a Polygon, got ${String(g.type)}`,
        ),
      ],
    };
  }
  const polygon = readPolygonCoords(coords);
  if (!polygon)
    return {
      polygon: null,
      problems: [problem('geometry_malformed', label, '坐标格式错误', 'coordinates are not rings of [lng, lat] numbers')],
    };
  const problems = ringProblems(label, polygon);
  return { polygon: problems.length ? null : polygon, problems };
}

/**
 * Read a GeoJSON FeatureCollection (as `JSON.parse` returns it) into grid candidates, reporting
 * what is wrong with the file as a whole, each feature's geometry and rings. Codes, names and
 * topology are checked across features by `checkGrids`.
 */
export function readGridFeatures(collection: unknown): { candidates: GridCandidate[]; problems: Problem[] } {
  const fc = collection as { type?: unknown; features?: unknown; crs?: { properties?: { name?: unknown } } } | null;
  if (!fc || typeof fc !== 'object' || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    return {
      candidates: [],
      problems: [
        problem('geojson_invalid', 'file', '文件不是 GeoJSON 要素集（FeatureCollection）', 'the file is not a GeoJSON FeatureCollection'),
      ],
    };
  }
  const crs = fc.crs?.properties?.name;
  if (typeof crs === 'string' && !ACCEPTED_CRS.test(crs)) {
    return {
      candidates: [],
      problems: [
        problem(
          'crs_unsupported',
          'file',
          `坐标系为 ${crs}，请转换为 WGS 84 经纬度`,
          `the file declares ${crs}; convert it to WGS 84 longitude/latitude, e.g. ogr2ogr -t_srs EPSG:4326`,
        ),
      ],
    };
  }
  const problems: Problem[] = [];
  const candidates = (fc.features as unknown[]).map((f, i): GridCandidate => {
    const feature = (f ?? {}) as { properties?: unknown; geometry?: unknown };
    const p = propertiesOf(feature.properties);
    const code = codeText(p.code);
    const label = code ? `#${i + 1} (${code})` : `#${i + 1}`;
    const geo = polygonOf(label, feature.geometry);
    problems.push(...geo.problems);
    return {
      label,
      code,
      name: text(p.name),
      nameEn: text(p.nameEn),
      communityCode: codeText(p.communityCode),
      communityName: text(p.communityName),
      communityNameEn: text(p.communityNameEn),
      streetCode: codeText(p.streetCode),
      streetName: text(p.streetName),
      streetNameEn: text(p.streetNameEn),
      chief: text(p.chief),
      polygon: geo.polygon,
    };
  });
  if (candidates.length === 0) problems.push(problem('geojson_empty', 'file', '文件中没有网格', 'the file holds no features'));
  return { candidates, problems };
}

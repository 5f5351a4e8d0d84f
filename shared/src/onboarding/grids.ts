import type { Community, District, Grid, Street } from '../domain/district.ts';
import { COMMUNITY_CODE, GRID_CODE, STREET_CODE, communityOfGrid, districtOfCode, streetOfCode } from './codes.ts';
import { readGridFeatures, type GridCandidate } from './gridFeatures.ts';
import { problem, type Checked, type Problem } from './problem.ts';
import { DEFAULT_TOLERANCE, gapProblems, overlapProblems, type Outline, type TopologyTolerance } from './topology.ts';

export interface GridCheckOptions {
  /** The district's name; the geography itself does not carry one. */
  name: string;
  tolerance?: Partial<TopologyTolerance>;
}

/** A valid map: the geography to store (no staff: they come from their own file) and its outline. */
export type GridCheck = Checked<{ district: District; outline: Outline | null }>;

/**
 * Codes of one feature. Community and street codes may be left out, since the grid code contains
 * them; when given they must agree with it. Returns the problems found.
 */
function codeProblems(c: GridCandidate): Problem[] {
  const out: Problem[] = [];
  if (!c.code) {
    out.push(problem('code_missing', c.label, '缺少网格编码', 'missing grid code (网格编码 / code)', { field: '网格编码' }));
    return out;
  }
  if (!GRID_CODE.test(c.code)) {
    out.push(
      problem('code_format', c.label, `网格编码“${c.code}”应为14位数字`, `grid code must be 14 digits: 9 street + 3 community + 2 grid`, {
        field: '网格编码',
      }),
    );
    return out;
  }
  // The grid code's leading digits are its community's (12) and street's (9) codes.
  const parents = [
    {
      value: c.communityCode,
      pattern: COMMUNITY_CODE,
      prefix: communityOfGrid(c.code),
      digits: 12,
      zh: '社区',
      en: 'community',
      kind: 'community',
    },
    { value: c.streetCode, pattern: STREET_CODE, prefix: streetOfCode(c.code), digits: 9, zh: '街道', en: 'street', kind: 'street' },
  ] as const;
  for (const p of parents) {
    if (!p.value) continue;
    if (!p.pattern.test(p.value)) {
      out.push(
        problem(
          `${p.kind}_code_format`,
          c.label,
          `${p.zh}编码“${p.value}”应为${p.digits}位数字`,
          `${p.en} code must be ${p.digits} digits`,
          {
            field: `${p.zh}编码`,
          },
        ),
      );
    } else if (p.prefix !== p.value) {
      out.push(
        problem(
          'code_prefix',
          c.label,
          `网格编码前${p.digits}位应为${p.zh}编码 ${p.value}`,
          `grid code ${c.code} does not start with its ${p.en} code ${p.value}`,
          { field: '网格编码' },
        ),
      );
    }
  }
  if (!c.name) out.push(problem('name_missing', c.label, '缺少网格名称', 'missing grid name (网格名称 / name)', { field: '网格名称' }));
  return out;
}

/**
 * One name per code: the first feature naming a community (or street) sets it, a feature naming it
 * differently is a problem, a feature leaving it blank takes it from the others. A code no feature
 * names is a problem too, unless the name is `optional` (the English ones).
 */
function namesByCode(
  candidates: readonly GridCandidate[],
  codeOf: (c: GridCandidate) => string,
  nameOf: (c: GridCandidate) => string,
  what: { zh: string; en: string; field: string; optional?: boolean },
  problems: Problem[],
): Map<string, string> {
  const names = new Map<string, string>();
  for (const c of candidates) {
    const code = codeOf(c);
    const name = nameOf(c);
    if (!name) continue;
    const known = names.get(code);
    if (known === undefined) names.set(code, name);
    else if (known !== name)
      problems.push(
        problem(
          'name_conflict',
          c.label,
          `${what.zh} ${code} 的名称“${name}”与其他网格所写“${known}”不一致`,
          `${what.en} ${code} is named "${name}" here but "${known}" elsewhere`,
          {
            field: what.field,
          },
        ),
      );
  }
  if (what.optional) return names;
  for (const c of candidates) {
    const code = codeOf(c);
    if (!names.has(code)) {
      problems.push(
        problem('name_missing', c.label, `${what.zh} ${code} 没有名称`, `no feature names ${what.en} ${code}`, { field: what.field }),
      );
      names.set(code, '');
    }
  }
  return names;
}

/**
 * Check a district's grid map, a GeoJSON FeatureCollection of Polygons (or one-part MultiPolygons;
 * a shapefile converted with ogr2ogr or QGIS looks the same), and build its geography.
 *
 * Communities and streets are derived from the grids: a community is the union of the grids that
 * carry its code, so there is no separate community boundary to fall outside of. A grid "outside
 * every community" is therefore one whose community (or street) code disagrees with its own grid
 * code, or whose community has no name anywhere in the file. All grids must be of one district
 * (the same first 6 digits).
 *
 * Topology: every ring valid (closed, ≥ 4 positions, in range, not self-intersecting), no two grids
 * overlapping by `tolerance.overlapM2` or more, no hole of `tolerance.gapM2` or more in their union.
 */
export function checkGrids(collection: unknown, opts: GridCheckOptions): GridCheck {
  const tolerance = { ...DEFAULT_TOLERANCE, ...opts.tolerance };
  const read = readGridFeatures(collection);
  const problems: Problem[] = [...read.problems];
  const coded: GridCandidate[] = [];
  const firstByCode = new Map<string, GridCandidate>();
  for (const c of read.candidates) {
    const found = codeProblems(c);
    problems.push(...found);
    if (!GRID_CODE.test(c.code)) continue;
    const first = firstByCode.get(c.code);
    if (first) {
      problems.push(
        problem(
          'code_duplicate',
          c.label,
          `网格编码 ${c.code} 与 ${first.label} 重复`,
          `grid code ${c.code} is also used by feature ${first.label}`,
          { field: '网格编码' },
        ),
      );
      continue;
    }
    firstByCode.set(c.code, c);
    coded.push(c);
  }

  // One district: the code most grids share is the district, the others are strays.
  const districts = new Map<string, number>();
  for (const c of coded) districts.set(districtOfCode(c.code), (districts.get(districtOfCode(c.code)) ?? 0) + 1);
  const district = [...districts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  for (const c of coded) {
    if (districtOfCode(c.code) !== district)
      problems.push(
        problem(
          'district_mismatch',
          c.label,
          `网格不属于本区（区划代码 ${district}）`,
          `grid is not in district ${district}, the one most grids belong to`,
          {
            field: '网格编码',
          },
        ),
      );
  }

  const communityNames = namesByCode(
    coded,
    (c) => communityOfGrid(c.code),
    (c) => c.communityName,
    { zh: '社区', en: 'community', field: '社区名称' },
    problems,
  );
  const streetNames = namesByCode(
    coded,
    (c) => streetOfCode(c.code),
    (c) => c.streetName,
    { zh: '街道', en: 'street', field: '街道名称' },
    problems,
  );
  const communityNamesEn = namesByCode(
    coded,
    (c) => communityOfGrid(c.code),
    (c) => c.communityNameEn,
    { zh: '社区（英文名）', en: 'community (English name)', field: '社区英文名称', optional: true },
    problems,
  );
  const streetNamesEn = namesByCode(
    coded,
    (c) => streetOfCode(c.code),
    (c) => c.streetNameEn,
    { zh: '街道（英文名）', en: 'street (English name)', field: '街道英文名称', optional: true },
    problems,
  );
  /** `{ nameEn }` when the file gives one, else nothing (so the value equals one without English). */
  const english = (nameEn: string | undefined) => (nameEn ? { nameEn } : {});

  const shaped = read.candidates.filter((c) => c.polygon && (!GRID_CODE.test(c.code) || firstByCode.get(c.code) === c));
  const topo = shaped.map((c) => ({ code: c.code || c.label, polygon: c.polygon! }));
  problems.push(...overlapProblems(topo, tolerance));
  const gaps = gapProblems(topo, tolerance);
  problems.push(...gaps.problems);

  if (problems.length) return { ok: false, problems };
  const streets: Street[] = [...streetNames]
    .map(([code, name]) => ({ code, name, ...english(streetNamesEn.get(code)) }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const communities: Community[] = [...communityNames]
    .map(([code, name]) => ({ code, name, ...english(communityNamesEn.get(code)), streetCode: streetOfCode(code) }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const grids: Grid[] = coded
    .map((c) => ({
      code: c.code,
      name: c.name,
      ...english(c.nameEn),
      communityCode: communityOfGrid(c.code),
      streetCode: streetOfCode(c.code),
      chief: c.chief,
      polygon: c.polygon!,
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
  return { ok: true, district: { name: opts.name, disclaimer: '', streets, communities, grids, staff: [] }, outline: gaps.outline };
}

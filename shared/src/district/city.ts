import type { BBox } from '../geo/polygon.ts';
import { STAFF_POSTS, type Community, type District, type Grid, type Staff, type Street } from '../domain/district.ts';
import { cellPolygon, jitteredLattice, snakeWalk, splitSizes } from './grids.ts';
import type { CellBlock } from './layout.ts';
import { samplePhone, uniqueNamer } from './names.ts';
import { Rng } from './random.ts';

/**
 * A city-sized district for the load test (the "city run" of `npm run bench city`): 2,000 grids
 * where the sample has 165, built the same way (a jittered lattice cut into streets, communities
 * cut from each street's snake walk, five staff per grid) so it imports and locates like a real
 * map. Not a place anyone lives in: the names say so.
 */

/** `[w, s, e, n]`: the sample's Meilie extent and the country around it. */
export const CITY_EXTENT: Readonly<BBox> = [117.5, 26.15, 117.75, 26.35];
/** 50 × 40 = 2,000 grids of about 500 × 550 m. */
export const CITY_COLUMNS = 50;
export const CITY_ROWS = 40;
/** Streets are blocks of 10 × 20 cells: 5 across, 2 down; each cut into 10 communities. */
const STREET_COLUMNS = 10;
const STREET_ROWS = 20;
const COMMUNITIES_PER_STREET = 10;
/** District code of the sample (梅列区); streets 011– so none shares a code with the sample's 001–003. */
const DISTRICT_CODE = '350404';
const FIRST_STREET = 11;

export const CITY_DISTRICT_NAME = '压力测试城区（示例）';
export const CITY_DISCLAIMER = '示例数据：压力测试用的程序生成网格，非官方边界 (generated load-test grids, not official boundaries)';

/**
 * The city district. Pure and deterministic (its own seeded streams): every call returns an equal,
 * freshly allocated value.
 */
export function generateCityDistrict(): District {
  const lattice = jitteredLattice(CITY_EXTENT, CITY_COLUMNS, CITY_ROWS, new Rng('city/lattice'));
  const sizesRng = new Rng('city/community-sizes');
  const nextName = uniqueNamer(new Rng('city/names'));
  const phoneRng = new Rng('city/phones');
  const streets: Street[] = [];
  const communities: Community[] = [];
  const grids: Grid[] = [];
  const staff: Staff[] = [];
  const across = CITY_COLUMNS / STREET_COLUMNS;
  for (let s = 0; s < across * (CITY_ROWS / STREET_ROWS); s++) {
    const n = s + 1;
    const code = DISTRICT_CODE + String(FIRST_STREET + s).padStart(3, '0');
    const col0 = (s % across) * STREET_COLUMNS;
    const row0 = Math.floor(s / across) * STREET_ROWS;
    const block: CellBlock = { col0, col1: col0 + STREET_COLUMNS - 1, row0, row1: row0 + STREET_ROWS - 1 };
    streets.push({ code, name: `测试第${n}街道`, nameEn: `Test Street ${n}` });
    // Alternate the walk so community shapes vary between streets, as in the sample.
    const cells = snakeWalk(block, s % 2 === 0 ? 'rows' : 'columns');
    const sizes = splitSizes(cells.length, COMMUNITIES_PER_STREET, sizesRng);
    let next = 0;
    sizes.forEach((size, k) => {
      const communityCode = code + String(k + 1).padStart(3, '0');
      const label = `${n}-${k + 1}`;
      communities.push({ code: communityCode, name: `测试${label}社区`, nameEn: `Test ${label} Community`, streetCode: code });
      cells.slice(next, next + size).forEach((cell, g) => {
        const number = String(g + 1).padStart(2, '0');
        const gridCode = communityCode + number;
        grids.push({
          code: gridCode,
          name: `测试${label}社区第${number}网格`,
          nameEn: `Test ${label} Grid ${number}`,
          communityCode,
          streetCode: code,
          chief: nextName(),
          polygon: cellPolygon(lattice, cell),
        });
        for (const post of STAFF_POSTS)
          staff.push({ id: `${gridCode}-${post}`, gridCode, post, name: nextName(), phone: samplePhone(staff.length + 1, phoneRng) });
      });
      next += size;
    });
  }
  return { name: CITY_DISTRICT_NAME, disclaimer: CITY_DISCLAIMER, streets, communities, grids, staff };
}

/** A district's grids as the grid import reads them: GeoJSON with the property names an official file uses. */
export function gridImportFile(d: District): { type: 'FeatureCollection'; features: object[] } {
  const community = new Map(d.communities.map((c) => [c.code, c]));
  const street = new Map(d.streets.map((s) => [s.code, s]));
  return {
    type: 'FeatureCollection',
    features: d.grids.map((g) => ({
      type: 'Feature',
      properties: {
        网格编码: g.code,
        网格名称: g.name,
        网格英文名称: g.nameEn,
        社区编码: g.communityCode,
        社区名称: community.get(g.communityCode)?.name,
        社区英文名称: community.get(g.communityCode)?.nameEn,
        街道编码: g.streetCode,
        街道名称: street.get(g.streetCode)?.name,
        街道英文名称: street.get(g.streetCode)?.nameEn,
        网格长: g.chief,
      },
      geometry: { type: 'Polygon', coordinates: g.polygon },
    })),
  };
}

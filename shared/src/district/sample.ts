import { STAFF_POSTS, type Community, type District, type Grid, type Staff, type Street } from '../domain/district.ts';
import { cellPolygon, jitteredLattice, snakeWalk, splitSizes } from './grids.ts';
import { SAMPLE_COLUMNS, SAMPLE_EXTENT, SAMPLE_ROWS, SAMPLE_STREETS } from './layout.ts';
import { samplePhone, uniqueNamer } from './names.ts';
import { Rng } from './random.ts';

export { SAMPLE_CATALOGUE, COMPONENT_MAJORS, EVENT_MAJORS } from './catalogue.ts';
export { SAMPLE_DEPARTMENTS } from './departments.ts';
export { SAMPLE_ACCOUNTS, DEMO_PASSWORD, type DemoAccountSpec } from './accounts.ts';
export { SAMPLE_EXTENT, SAMPLE_STREETS } from './layout.ts';

/** Name of the sample district; the suffix says it is an example wherever the name is shown. */
export const SAMPLE_DISTRICT_NAME = '梅列区（示例）';

/** Must accompany the sample geography on every map and export (docs/domain.md "Geography and codes"). */
export const SAMPLE_DISCLAIMER = '示例数据：网格边界为程序生成，非官方边界 (generated sample, not official boundaries)';

/**
 * Generates the sample district: 3 streets, 20 communities and 165 grids tiling the Meilie urban
 * area (no gaps, no overlaps, neighbours share exact edges), with the five staff of every grid
 * (一格五员) and a responsible chief per grid. Pure and deterministic: every call returns an equal,
 * freshly allocated value, so callers may mutate their copy.
 *
 * Grids are numbered within their community in the order of the street's snake walk (see
 * `snakeWalk`), so consecutive grid numbers of a community are neighbours on the map.
 */
export function generateSampleDistrict(): District {
  // Separate streams per purpose: tweaking names must not move a single vertex.
  const lattice = jitteredLattice(SAMPLE_EXTENT, SAMPLE_COLUMNS, SAMPLE_ROWS, new Rng('meilie/lattice'));
  const sizesRng = new Rng('meilie/community-sizes');
  const nextName = uniqueNamer(new Rng('meilie/names'));
  const phoneRng = new Rng('meilie/phones');

  const streets: Street[] = [];
  const communities: Community[] = [];
  const grids: Grid[] = [];
  const staff: Staff[] = [];

  for (const spec of SAMPLE_STREETS) {
    streets.push({ code: spec.code, name: spec.name, nameEn: spec.nameEn });
    const cells = snakeWalk(spec.block, spec.walk);
    const sizes = splitSizes(cells.length, spec.communities.length, sizesRng);
    let next = 0;
    spec.communities.forEach((c, k) => {
      const communityCode = spec.code + c.number;
      communities.push({ code: communityCode, name: c.name, nameEn: c.nameEn, streetCode: spec.code });
      // `Dong'an Grid 03`, `Liexi Village Grid 03`: the community's English name without `Community`.
      const gridPrefixEn = c.nameEn.replace(/ Community$/, '');
      const run = cells.slice(next, next + sizes[k]!);
      next += run.length;
      run.forEach((cell, g) => {
        const number = String(g + 1).padStart(2, '0');
        const code = communityCode + number;
        grids.push({
          code,
          name: `${c.name}第${number}网格`,
          nameEn: `${gridPrefixEn} Grid ${number}`,
          communityCode,
          streetCode: spec.code,
          chief: nextName(),
          polygon: cellPolygon(lattice, cell),
        });
        for (const post of STAFF_POSTS) {
          staff.push({
            id: `${code}-${post}`,
            gridCode: code,
            post,
            name: nextName(),
            phone: samplePhone(staff.length + 1, phoneRng),
          });
        }
      });
    });
  }

  return {
    name: SAMPLE_DISTRICT_NAME,
    disclaimer: SAMPLE_DISCLAIMER,
    streets,
    communities,
    grids,
    staff,
  };
}

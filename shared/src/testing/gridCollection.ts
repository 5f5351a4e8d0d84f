/** A GeoJSON feature as the import reads it. */
export interface FixtureFeature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

export interface FixtureCollection {
  type: 'FeatureCollection';
  features: FixtureFeature[];
}

/** Street of every fixture grid (district 350404, street 009: not one the sample district uses). */
export const FIXTURE_STREET = '350404009';

/** Community code of fixture row `r` (0-based): one community per row of squares. */
export const fixtureCommunity = (r: number): string => `${FIXTURE_STREET}${String(r + 1).padStart(3, '0')}`;

/** Grid code of the square in row `r`, column `c` (both 0-based). */
export const fixtureGrid = (r: number, c: number): string => `${fixtureCommunity(r)}${String(c + 1).padStart(2, '0')}`;

/**
 * A district map for import tests: `rows` × `cols` squares of `size` degrees tiling a rectangle
 * from `origin` (no gaps, no overlaps, neighbours share exact vertices), one community per row,
 * with the Chinese property names an official file uses. Tests then damage it on purpose.
 */
export function squareGridCollection(rows: number, cols: number, o: { origin?: [number, number]; size?: number } = {}): FixtureCollection {
  const [lng0, lat0] = o.origin ?? [117.6, 26.2];
  const size = o.size ?? 0.002;
  // Rounded once per lattice line, so two neighbours compute the very same shared vertex.
  const x = (i: number) => Math.round((lng0 + i * size) * 1e7) / 1e7;
  const y = (j: number) => Math.round((lat0 + j * size) * 1e7) / 1e7;
  const features: FixtureFeature[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      features.push({
        type: 'Feature',
        properties: {
          网格编码: fixtureGrid(r, c),
          网格名称: `测试${r + 1}社区第${String(c + 1).padStart(2, '0')}网格`,
          社区编码: fixtureCommunity(r),
          社区名称: `测试${r + 1}社区`,
          街道编码: FIXTURE_STREET,
          街道名称: '测试街道',
          网格长: `网格长${r + 1}-${c + 1}`,
        },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [x(c), y(r)],
              [x(c + 1), y(r)],
              [x(c + 1), y(r + 1)],
              [x(c), y(r + 1)],
              [x(c), y(r)],
            ],
          ],
        },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}

/** The ring of a fixture feature, for tests that move its vertices. */
export function ringOf(f: FixtureFeature): [number, number][] {
  return (f.geometry.coordinates as [number, number][][])[0]!;
}

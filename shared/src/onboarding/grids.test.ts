import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { fixtureCommunity, fixtureGrid, ringOf, squareGridCollection, type FixtureCollection } from '../testing/gridCollection.ts';
import { checkGrids } from './grids.ts';
import type { Problem } from './problem.ts';

const SIZE = 0.002;
const check = (fc: unknown) => checkGrids(fc, { name: '测试区' });

function problemsOf(fc: FixtureCollection): Problem[] {
  const r = check(fc);
  if (r.ok) throw new Error('expected problems, the map was accepted');
  return r.problems;
}

/** Feature at row r, column c of a 5-wide fixture. */
const at = (fc: FixtureCollection, r: number, c: number) => fc.features[r * 5 + c]!;

describe('checkGrids', () => {
  it('accepts a 5×5 tiling and derives its communities and street', () => {
    const r = check(squareGridCollection(5, 5));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.district.grids).toHaveLength(25);
    expect(r.district.communities.map((c) => c.code)).toEqual([0, 1, 2, 3, 4].map(fixtureCommunity));
    expect(r.district.communities[0]).toEqual({ code: fixtureCommunity(0), name: '测试1社区', streetCode: '350404009' });
    expect(r.district.streets).toEqual([{ code: '350404009', name: '测试街道' }]);
    expect(r.district.grids[0]).toMatchObject({ code: fixtureGrid(0, 0), name: '测试1社区第01网格', chief: '网格长1-1' });
    expect(r.outline?.parts).toBe(1);
    // 5 × 5 squares of 0.002° at 26.2° N: 25 × (222.4 m × 199.6 m) ≈ 1.11 km².
    expect(r.outline!.areaM2).toBeGreaterThan(1.05e6);
    expect(r.outline!.areaM2).toBeLessThan(1.17e6);
  });

  it('reports an overlap with both codes, its area and a point inside it', () => {
    const fc = squareGridCollection(5, 5);
    // Grid (2,2) pushes its east edge half-way into grid (2,3).
    const ring = ringOf(at(fc, 2, 2));
    ring[1]![0] += SIZE / 2;
    ring[2]![0] += SIZE / 2;
    const problems = problemsOf(fc);
    expect(problems).toHaveLength(1);
    const p = problems[0]!;
    expect(p.code).toBe('grid_overlap');
    expect(p.feature).toBe(`${fixtureGrid(2, 2)} × ${fixtureGrid(2, 3)}`);
    // Half a square: about 111 m × 200 m.
    expect(p.areaM2).toBeGreaterThan(20_000);
    expect(p.areaM2).toBeLessThan(25_000);
    expect(booleanPointInPolygon(p.at!, { type: 'Polygon', coordinates: at(fc, 2, 3).geometry.coordinates as number[][][] })).toBe(true);
    expect(p.message).toMatch(/重叠.*\(grids overlap/);
  });

  it('ignores slivers under the 1 m² tolerance', () => {
    const fc = squareGridCollection(5, 5);
    const ring = ringOf(at(fc, 2, 2));
    // 1e-8° ≈ 1 mm over a 200 m edge: 0.2 m².
    ring[1]![0] += 1e-8;
    ring[2]![0] += 1e-8;
    expect(check(fc).ok).toBe(true);
  });

  it('reports a gap inside the district with its area, location and the grids around it', () => {
    const fc = squareGridCollection(5, 5);
    // Grid (2,2), in the middle, pulls its north edge half-way down: a hole no grid covers.
    const ring = ringOf(at(fc, 2, 2));
    ring[2]![1] -= SIZE / 2;
    ring[3]![1] -= SIZE / 2;
    const problems = problemsOf(fc);
    expect(problems.map((p) => p.code)).toEqual(['grid_gap']);
    const gap = problems[0]!;
    expect(gap.feature).toBe('gap 1');
    expect(gap.areaM2).toBeGreaterThan(20_000);
    expect(gap.areaM2).toBeLessThan(25_000);
    const [lng, lat] = gap.at!;
    expect(lng).toBeGreaterThan(117.6 + 2 * SIZE);
    expect(lng).toBeLessThan(117.6 + 3 * SIZE);
    expect(lat).toBeGreaterThan(26.2 + 2.5 * SIZE);
    expect(lat).toBeLessThan(26.2 + 3 * SIZE);
    expect(gap.message).toContain(fixtureGrid(2, 2));
    expect(gap.message).toContain(fixtureGrid(3, 2));
  });

  it('does not call a notch in the outer edge a gap', () => {
    const fc = squareGridCollection(5, 5);
    const ring = ringOf(at(fc, 0, 2));
    ring[0]![1] += SIZE / 2;
    ring[1]![1] += SIZE / 2;
    ring[4]![1] += SIZE / 2;
    expect(check(fc).ok).toBe(true);
  });

  it('reports a bow-tie ring as self-intersecting, at the crossing', () => {
    const fc = squareGridCollection(5, 5);
    const ring = ringOf(at(fc, 0, 0));
    // Swap two vertices: the ring's edges cross in the middle of the square.
    [ring[1], ring[2]] = [ring[2]!, ring[1]!];
    const problems = problemsOf(fc);
    expect(problems.map((p) => [p.code, p.feature])).toEqual([['ring_self_intersection', `#1 (${fixtureGrid(0, 0)})`]]);
    expect(problems[0]!.at![0]).toBeCloseTo(117.6 + SIZE / 2, 9);
  });

  it('reports a duplicate code, naming the feature that has it first', () => {
    const fc = squareGridCollection(5, 5);
    at(fc, 0, 1).properties['网格编码'] = fixtureGrid(0, 0);
    const problems = problemsOf(fc);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'code_duplicate', feature: `#2 (${fixtureGrid(0, 0)})`, field: '网格编码' });
    expect(problems[0]!.message).toContain(`#1 (${fixtureGrid(0, 0)})`);
  });

  it('reports a grid code whose prefix disagrees with its community or street code', () => {
    const fc = squareGridCollection(5, 5);
    at(fc, 1, 1).properties['社区编码'] = fixtureCommunity(2);
    at(fc, 3, 3).properties['街道编码'] = '350404008';
    const problems = problemsOf(fc);
    expect(problems.map((p) => [p.code, p.feature])).toEqual([
      ['code_prefix', `#7 (${fixtureGrid(1, 1)})`],
      ['code_prefix', `#19 (${fixtureGrid(3, 3)})`],
    ]);
  });

  it('reports every problem of a file at once', () => {
    const fc = squareGridCollection(5, 5);
    at(fc, 0, 0).properties['网格编码'] = '3504040090010';
    delete at(fc, 0, 1).properties['网格名称'];
    ringOf(at(fc, 0, 2)).pop();
    at(fc, 0, 3).geometry = { type: 'MultiPolygon', coordinates: [at(fc, 0, 3).geometry.coordinates, at(fc, 0, 4).geometry.coordinates] };
    (at(fc, 1, 0) as { geometry: unknown }).geometry = null;
    ringOf(at(fc, 4, 4))[2] = [431_000, 2_900_000];
    at(fc, 2, 0).properties['社区名称'] = '别的社区';
    const codes = problemsOf(fc).map((p) => `${p.code} ${p.feature}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'code_format #1 (3504040090010)',
        `name_missing #2 (${fixtureGrid(0, 1)})`,
        `ring_unclosed #3 (${fixtureGrid(0, 2)})`,
        `geometry_multipart #4 (${fixtureGrid(0, 3)})`,
        `geometry_missing #6 (${fixtureGrid(1, 0)})`,
        `coordinate_range #25 (${fixtureGrid(4, 4)})`,
        `name_conflict #12 (${fixtureGrid(2, 1)})`,
      ]),
    );
  });

  it('takes one-part MultiPolygons, English or shapefile property names and numeric codes', () => {
    const fc = squareGridCollection(5, 5);
    fc.features.forEach((f, i) => {
      const p = f.properties;
      f.properties =
        i % 2
          ? { GRID_CODE: Number(p['网格编码']), GRID_NAME: p['网格名称'], COMM_NAME: p['社区名称'], STREET_NAM: p['街道名称'] }
          : {
              code: p['网格编码'],
              name: p['网格名称'],
              community_code: p['社区编码'],
              community_name: p['社区名称'],
              street_name: p['街道名称'],
            };
      if (i === 3) f.geometry = { type: 'MultiPolygon', coordinates: [f.geometry.coordinates] };
    });
    const r = check(fc);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.district.grids.map((g) => g.code)).toContain(fixtureGrid(0, 1));
  });

  it('says a map in projected metres must be converted, and rejects a declared projected CRS', () => {
    const fc = squareGridCollection(1, 2);
    ringOf(fc.features[0]!)[1] = [431_000.5, 2_900_000.25];
    expect(problemsOf(fc)[0]!.message).toContain('EPSG:4326');
    const declared = { ...squareGridCollection(1, 1), crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4547' } } };
    const r = check(declared);
    expect(r.ok ? [] : r.problems.map((p) => p.code)).toEqual(['crs_unsupported']);
    const wgs = { ...squareGridCollection(1, 1), crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } } };
    expect(check(wgs).ok).toBe(true);
  });

  it('rejects what is not a FeatureCollection, and grids of another district', () => {
    expect(check({ type: 'Feature' })).toMatchObject({ ok: false, problems: [{ code: 'geojson_invalid', feature: 'file' }] });
    expect(check({ type: 'FeatureCollection', features: [] })).toMatchObject({ ok: false, problems: [{ code: 'geojson_empty' }] });
    const fc = squareGridCollection(2, 3);
    const stray = fc.features[5]!.properties;
    stray['网格编码'] = '35040300100101';
    stray['社区编码'] = '350403001001';
    stray['街道编码'] = '350403001';
    const problems = problemsOf(fc);
    expect(problems.map((p) => [p.code, p.feature])).toEqual([['district_mismatch', '#6 (35040300100101)']]);
  });

  it('takes optional English names of grids, communities and streets; a feature may leave them out', () => {
    const fc = squareGridCollection(2, 2);
    fc.features.forEach((f, i) => {
      // Only the first feature of each community names it in English; the street once, by its DBF name.
      if (i % 2 === 0) f.properties['社区英文名称'] = `Ceshi ${i / 2 + 1} Community`;
      if (i === 3) f.properties['STREET_EN'] = 'Ceshi Street';
      if (i !== 1) f.properties['name_en'] = `Grid ${i + 1}`;
    });
    const r = check(fc);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.district.streets).toEqual([{ code: '350404009', name: '测试街道', nameEn: 'Ceshi Street' }]);
    expect(r.district.communities.map((c) => c.nameEn)).toEqual(['Ceshi 1 Community', 'Ceshi 2 Community']);
    expect(r.district.grids.map((g) => g.nameEn)).toEqual(['Grid 1', undefined, 'Grid 3', 'Grid 4']);
    expect(r.district.grids[1]).not.toHaveProperty('nameEn');
  });

  it('reports a community named differently in English by two grids', () => {
    const fc = squareGridCollection(1, 2);
    fc.features[0]!.properties['community_name_en'] = "Dong'an Community";
    fc.features[1]!.properties['community_name_en'] = 'Dongan Community';
    const problems = problemsOf(fc);
    expect(problems).toMatchObject([{ code: 'name_conflict', feature: `#2 (${fixtureGrid(0, 1)})`, field: '社区英文名称' }]);
  });

  it('a map without English names has none, and its names are as before', () => {
    const r = check(squareGridCollection(1, 1));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.district.streets[0]).not.toHaveProperty('nameEn');
    expect(r.district.communities[0]).not.toHaveProperty('nameEn');
    expect(r.district.grids[0]).not.toHaveProperty('nameEn');
  });
});

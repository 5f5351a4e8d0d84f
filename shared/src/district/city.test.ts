import { describe, expect, it } from 'vitest';
import { CommunitySchema, GridSchema, StaffSchema, StreetSchema } from '../domain/district.ts';
import { bboxPolygon, isConvexRing, polygonArea, type BBox } from '../geo/polygon.ts';
import { GridIndex } from '../geo/index.ts';
import { checkGrids } from '../onboarding/grids.ts';
import { CITY_EXTENT, generateCityDistrict, gridImportFile } from './city.ts';
import { generateSampleDistrict } from './sample.ts';

const city = generateCityDistrict();

describe('city district (load-test geography)', () => {
  it('has 10 streets, 100 communities and 2,000 grids with five staff each, all schema-valid and nested', () => {
    expect(city.streets).toHaveLength(10);
    expect(city.communities).toHaveLength(100);
    expect(city.grids).toHaveLength(2000);
    expect(city.staff).toHaveLength(10_000);
    for (const s of city.streets) StreetSchema.parse(s);
    for (const c of city.communities) CommunitySchema.parse(c);
    for (const g of city.grids) GridSchema.parse(g);
    for (const p of city.staff) StaffSchema.parse(p);
    expect(new Set(city.grids.map((g) => g.code)).size).toBe(2000);
    for (const g of city.grids) expect(g.code.startsWith(g.communityCode) && g.communityCode.startsWith(g.streetCode)).toBe(true);
    expect(new Set(city.staff.map((p) => p.phone)).size).toBe(10_000);
  });

  it('shares no street, community or grid code with the sample district', () => {
    const sample = generateSampleDistrict();
    const taken = new Set([...sample.streets, ...sample.communities, ...sample.grids].map((x) => x.code));
    expect([...city.streets, ...city.communities, ...city.grids].filter((x) => taken.has(x.code))).toEqual([]);
  });

  it('tiles its extent with convex grids: areas sum to the extent, every point lies in one grid', () => {
    for (const g of city.grids) expect(isConvexRing(g.polygon[0]!), g.code).toBe(true);
    const total = city.grids.reduce((sum, g) => sum + polygonArea(g.polygon), 0);
    const outer = polygonArea(bboxPolygon([...CITY_EXTENT] as BBox));
    expect(Math.abs(total - outer) / outer).toBeLessThan(1e-9);
    const index = new GridIndex(city.grids);
    const [w, s, e, n] = CITY_EXTENT;
    for (let i = 0; i < 100; i++)
      for (let j = 0; j < 100; j++) expect(index.locate(w + ((i + 0.5) / 100) * (e - w), s + ((j + 0.5) / 100) * (n - s))).not.toBeNull();
  });

  it('passes the grid import’s own checks (codes, rings, overlaps, gaps) as a GeoJSON file', () => {
    const checked = checkGrids(JSON.parse(JSON.stringify(gridImportFile(city))), { name: city.name });
    expect(checked.ok ? [] : checked.problems).toEqual([]);
    if (checked.ok) expect(checked.district.grids).toHaveLength(2000);
  });

  it('is deterministic', () => {
    expect(generateCityDistrict()).toEqual(city);
  });
});

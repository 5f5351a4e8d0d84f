import { describe, it, expect } from 'vitest';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Polygon } from 'geojson';
import { CaseClassSchema } from '../domain/catalogue.ts';
import { CommunitySchema, DepartmentSchema, GridSchema, StaffSchema, StreetSchema } from '../domain/district.ts';
import { ROLES } from '../domain/roles.ts';
import { bboxPolygon, isConvexRing, polygonArea, polygonBBox, type BBox } from '../geo/polygon.ts';
import {
  COMPONENT_MAJORS,
  DEMO_PASSWORD,
  EVENT_MAJORS,
  SAMPLE_ACCOUNTS,
  SAMPLE_CATALOGUE,
  SAMPLE_DEPARTMENTS,
  SAMPLE_EXTENT,
  generateSampleDistrict,
} from './sample.ts';
import { Rng, mulberry32 } from './random.ts';
import { snakeWalk, splitSizes } from './grids.ts';

const district = generateSampleDistrict();
const { streets, communities, grids, staff } = district;

describe('sample district structure', () => {
  it('has 3 streets, about 20 communities and 165 grids, all schema-valid', () => {
    expect(streets.map((s) => [s.code, s.name])).toEqual([
      ['350404001', '列东街道'],
      ['350404002', '列西街道'],
      ['350404003', '徐碧街道'],
    ]);
    expect(communities.length).toBeGreaterThanOrEqual(18);
    expect(communities.length).toBeLessThanOrEqual(22);
    expect(grids).toHaveLength(165);
    for (const s of streets) StreetSchema.parse(s);
    for (const c of communities) CommunitySchema.parse(c);
    for (const g of grids) GridSchema.parse(g);
    for (const p of staff) StaffSchema.parse(p);
    expect(district.name).toBe('梅列区（示例）');
    expect(district.disclaimer).toContain('非官方边界');
  });

  it('codes are unique and nested: grid = community + 2 digits, community = street + 3 digits', () => {
    expect(new Set(grids.map((g) => g.code)).size).toBe(165);
    expect(new Set(communities.map((c) => c.code)).size).toBe(communities.length);
    const communityByCode = new Map(communities.map((c) => [c.code, c]));
    for (const g of grids) {
      expect(g.code).toMatch(/^\d{14}$/);
      expect(g.code.startsWith(g.communityCode)).toBe(true);
      const c = communityByCode.get(g.communityCode);
      expect(c, g.code).toBeDefined();
      expect(c!.streetCode).toBe(g.streetCode);
      expect(g.name).toBe(`${c!.name}第${g.code.slice(12)}网格`);
      expect(g.chief.length).toBeGreaterThanOrEqual(2);
    }
    for (const c of communities) {
      expect(c.code.startsWith(c.streetCode)).toBe(true);
      expect(grids.some((g) => g.communityCode === c.code)).toBe(true);
    }
  });

  it('places 小蕉社区 in 列西街道 with code 350404002008', () => {
    const xiaojiao = communities.find((c) => c.name === '小蕉社区');
    expect(xiaojiao).toEqual({ code: '350404002008', name: '小蕉社区', nameEn: 'Xiaojiao Community', streetCode: '350404002' });
  });

  it('staffs every grid with the five posts (一格五员), with 11-digit phones', () => {
    expect(staff).toHaveLength(165 * 5);
    for (const g of grids) {
      const posts = staff.filter((p) => p.gridCode === g.code).map((p) => p.post);
      expect(posts.sort()).toEqual(['information', 'manager', 'police', 'publicity', 'service']);
    }
    expect(new Set(staff.map((p) => p.id)).size).toBe(staff.length);
    expect(new Set(staff.map((p) => p.phone)).size).toBe(staff.length);
    for (const p of staff) expect(p.phone).toMatch(/^1\d{10}$/);
  });

  it('is deterministic', () => {
    expect(generateSampleDistrict()).toEqual(district);
    // A fresh copy each call, so one caller's mutation cannot leak into another's.
    expect(generateSampleDistrict().grids[0]).not.toBe(district.grids[0]);
  });
});

describe('sample district geometry', () => {
  const extent = [...SAMPLE_EXTENT] as BBox;
  const geometries: Polygon[] = grids.map((g) => ({ type: 'Polygon', coordinates: g.polygon }));

  it('every grid is a closed, counter-clockwise, convex quadrilateral with 6-decimal vertices', () => {
    for (const g of grids) {
      const ring = g.polygon[0]!;
      expect(g.polygon).toHaveLength(1);
      expect(ring).toHaveLength(5);
      expect(ring[4]).toEqual(ring[0]);
      expect(isConvexRing(ring), g.code).toBe(true);
      expect(polygonArea(g.polygon)).toBeGreaterThan(0);
      for (const [x, y] of ring) {
        expect(Math.round(x * 1e6) / 1e6).toBe(x);
        expect(Math.round(y * 1e6) / 1e6).toBe(y);
      }
    }
  });

  it('grid areas sum to the area of the outer boundary (no gaps, no overlaps by area)', () => {
    const total = grids.reduce((sum, g) => sum + polygonArea(g.polygon), 0);
    const outer = polygonArea(bboxPolygon(extent));
    expect(Math.abs(total - outer) / outer).toBeLessThan(1e-9);
  });

  it('neighbours share exact edges: each interior edge is used by two grids in opposite directions', () => {
    const edges = new Map<string, number>();
    const key = (a: readonly number[], b: readonly number[]): string => `${a[0]},${a[1]}>${b[0]},${b[1]}`;
    for (const g of grids) {
      const ring = g.polygon[0]!;
      for (let i = 0; i < 4; i++) edges.set(key(ring[i]!, ring[i + 1]!), (edges.get(key(ring[i]!, ring[i + 1]!)) ?? 0) + 1);
    }
    const [w, s, e, n] = extent;
    for (const [k, count] of edges) {
      expect(count, k).toBe(1);
      const [from, to] = k.split('>').map((p) => p.split(',').map(Number)) as [number[], number[]];
      const onBoundary =
        (from[0] === w && to[0] === w) ||
        (from[0] === e && to[0] === e) ||
        (from[1] === s && to[1] === s) ||
        (from[1] === n && to[1] === n);
      if (!onBoundary) expect(edges.has(key(to, from)), `twin of ${k}`).toBe(true);
    }
  });

  it('a 200×200 lattice of points each falls in exactly one grid (brute force, edges excluded)', () => {
    const [w, s, e, n] = extent;
    const bboxes = grids.map((g) => polygonBBox(g.polygon));
    let onEdge = 0;
    for (let i = 0; i < 200; i++) {
      for (let j = 0; j < 200; j++) {
        const pt: [number, number] = [w + ((i + 0.5) / 200) * (e - w), s + ((j + 0.5) / 200) * (n - s)];
        let inside = 0;
        let touching = 0;
        geometries.forEach((geometry, k) => {
          const b = bboxes[k]!;
          if (pt[0] < b[0] || pt[0] > b[2] || pt[1] < b[1] || pt[1] > b[3]) return;
          if (booleanPointInPolygon(pt, geometry, { ignoreBoundary: true })) inside++;
          if (booleanPointInPolygon(pt, geometry)) touching++;
        });
        if (touching > inside) {
          onEdge++;
          expect(touching).toBeGreaterThanOrEqual(1);
          continue;
        }
        if (inside !== 1) expect.fail(`point ${pt.join(',')} is in ${inside} grids`);
      }
    }
    expect(onEdge).toBeLessThan(100);
  });

  it('each street and each community is one connected area', () => {
    // Grids are connected when they share an edge (the twin-edge test above guarantees exactness).
    const edgeKey = (a: readonly number[], b: readonly number[]): string =>
      a[0]! < b[0]! || (a[0] === b[0] && a[1]! < b[1]!) ? `${a}|${b}` : `${b}|${a}`;
    const edgesOf = new Map(grids.map((g) => [g.code, g.polygon[0]!.slice(0, 4).map((p, i) => edgeKey(p, g.polygon[0]![i + 1]!))]));
    const connected = (codes: string[]): boolean => {
      const seen = new Set([codes[0]!]);
      const queue = [codes[0]!];
      while (queue.length) {
        const edges = new Set(edgesOf.get(queue.pop()!)!);
        for (const c of codes) {
          if (!seen.has(c) && edgesOf.get(c)!.some((k) => edges.has(k))) {
            seen.add(c);
            queue.push(c);
          }
        }
      }
      return seen.size === codes.length;
    };
    for (const s of streets) expect(connected(grids.filter((g) => g.streetCode === s.code).map((g) => g.code)), s.name).toBe(true);
    for (const c of communities) expect(connected(grids.filter((g) => g.communityCode === c.code).map((g) => g.code)), c.name).toBe(true);
  });
});

describe('sample catalogue, departments and accounts', () => {
  const departmentCodes = new Set(SAMPLE_DEPARTMENTS.map((d) => d.code));

  it('has at least 8 schema-valid departments with unique codes', () => {
    expect(SAMPLE_DEPARTMENTS.length).toBeGreaterThanOrEqual(8);
    expect(departmentCodes.size).toBe(SAMPLE_DEPARTMENTS.length);
    for (const d of SAMPLE_DEPARTMENTS) DepartmentSchema.parse(d);
  });

  it('has at least 40 classes over both kinds, all majors covered, departments known', () => {
    expect(SAMPLE_CATALOGUE.length).toBeGreaterThanOrEqual(40);
    expect(new Set(SAMPLE_CATALOGUE.map((c) => c.code)).size).toBe(SAMPLE_CATALOGUE.length);
    for (const c of SAMPLE_CATALOGUE) {
      CaseClassSchema.parse(c);
      expect(departmentCodes.has(c.departmentCode), c.code).toBe(true);
      const majors: readonly string[] = c.kind === 'component' ? COMPONENT_MAJORS : EVENT_MAJORS;
      expect(majors, c.code).toContain(c.major);
      expect(c.code[0]).toBe(c.kind === 'component' ? 'C' : 'E');
    }
    const majorsOf = (kind: string): Set<string> => new Set(SAMPLE_CATALOGUE.filter((c) => c.kind === kind).map((c) => c.major));
    expect([...majorsOf('component')].sort()).toEqual([...COMPONENT_MAJORS].sort());
    expect([...majorsOf('event')].sort()).toEqual([...EVENT_MAJORS].sort());
  });

  it('carries the reference time limits', () => {
    const byName = (name: string) => SAMPLE_CATALOGUE.find((c) => c.name === name);
    expect(byName('暴露垃圾')?.timeLimit).toEqual({ value: 4, unit: 'hours' });
    expect(byName('道路不洁')?.timeLimit).toEqual({ value: 2, unit: 'hours' });
    expect(byName('积水')?.timeLimit).toEqual({ value: 4, unit: 'hours' });
    expect(byName('占道经营')?.timeLimit).toEqual({ value: 2, unit: 'hours' });
    expect(byName('绿地养护')?.timeLimit).toEqual({ value: 5, unit: 'days' });
    expect(byName('违法建设')?.timeLimit).toEqual({ value: 7, unit: 'days' });
    expect(byName('井盖缺失')?.urgent).toBe(true);
    expect(byName('暴露垃圾')?.code).toBe('E0101');
  });

  it('has a demo account for every role, with valid scopes', () => {
    for (const role of ROLES)
      expect(
        SAMPLE_ACCOUNTS.some((a) => a.role === role),
        role,
      ).toBe(true);
    expect(new Set(SAMPLE_ACCOUNTS.map((a) => a.username)).size).toBe(SAMPLE_ACCOUNTS.length);
    const gridCodes = new Set(grids.map((g) => g.code));
    for (const a of SAMPLE_ACCOUNTS) {
      expect(a.password).toBe(DEMO_PASSWORD);
      expect(a.departmentCode !== null).toBe(a.role === 'dept_handler');
      expect(a.streetCode !== null).toBe(a.role === 'street_chief');
      expect(a.gridCodes.length > 0).toBe(a.role === 'patrol' || a.role === 'grid_staff');
      if (a.departmentCode) expect(departmentCodes.has(a.departmentCode)).toBe(true);
      if (a.streetCode) expect(streets.some((s) => s.code === a.streetCode)).toBe(true);
      for (const code of a.gridCodes) expect(gridCodes.has(code), `${a.username}: ${code}`).toBe(true);
    }
    for (const s of streets) expect(SAMPLE_ACCOUNTS.some((a) => a.role === 'street_chief' && a.streetCode === s.code)).toBe(true);
    for (const d of SAMPLE_DEPARTMENTS) expect(SAMPLE_ACCOUNTS.some((a) => a.username === `dept_${d.code}`)).toBe(true);
  });
});

describe('generator building blocks', () => {
  it('mulberry32 and Rng are reproducible and in range', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const rng = new Rng('seed');
    for (let i = 0; i < 1000; i++) {
      const k = rng.int(3, 5);
      expect(k >= 3 && k <= 5 && Number.isInteger(k)).toBe(true);
    }
    expect(new Rng('x').shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('snakeWalk visits each cell once with edge-adjacent steps; splitSizes sums exactly', () => {
    const cells = snakeWalk({ col0: 2, col1: 5, row0: 1, row1: 3 }, 'columns');
    expect(cells).toHaveLength(12);
    for (let i = 1; i < cells.length; i++) {
      expect(Math.abs(cells[i]!.col - cells[i - 1]!.col) + Math.abs(cells[i]!.row - cells[i - 1]!.row)).toBe(1);
    }
    const sizes = splitSizes(66, 9, new Rng(1));
    expect(sizes.reduce((x, y) => x + y, 0)).toBe(66);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(3);
    expect(() => splitSizes(5, 2, new Rng(1))).toThrow();
  });
});

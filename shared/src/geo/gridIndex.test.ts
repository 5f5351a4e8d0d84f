import { describe, it, expect } from 'vitest';
import type { PolygonCoords } from '../domain/district.ts';
import { generateSampleDistrict } from '../district/sample.ts';
import { GridIndex } from './gridIndex.ts';
import { bboxPolygon, interiorPoint, isConvexRing, polygonArea, polygonBBox, ringArea } from './polygon.ts';

const square = (w: number, s: number, e: number, n: number): PolygonCoords => bboxPolygon([w, s, e, n]);

describe('GridIndex on hand-made squares', () => {
  // Two unit squares side by side, given out of code order on purpose.
  const index = new GridIndex([
    { code: 'b', polygon: square(1, 0, 2, 1) },
    { code: 'a', polygon: square(0, 0, 1, 1) },
  ]);

  it('locates interior points', () => {
    expect(index.locate(0.5, 0.5)).toBe('a');
    expect(index.locate(1.5, 0.5)).toBe('b');
  });

  it('gives a shared edge or vertex to the smallest code, whatever the input order', () => {
    expect(index.locate(1, 0.5)).toBe('a');
    expect(index.locate(1, 1)).toBe('a');
    const reversed = new GridIndex([
      { code: 'a', polygon: square(0, 0, 1, 1) },
      { code: 'b', polygon: square(1, 0, 2, 1) },
    ]);
    expect(reversed.locate(1, 0.5)).toBe('a');
  });

  it('counts the outer boundary as inside and everything beyond as outside', () => {
    expect(index.locate(0, 0.5)).toBe('a');
    expect(index.locate(2, 1)).toBe('b');
    expect(index.locate(2.000001, 0.5)).toBeNull();
    expect(index.locate(-1, -1)).toBeNull();
    expect(index.locate(Number.NaN, 0.5)).toBeNull();
  });

  it('reports bounds, bbox search and sizes', () => {
    expect(index.bounds()).toEqual([0, 0, 2, 1]);
    expect(index.size).toBe(2);
    expect(index.search([1.5, 0.2, 1.6, 0.3])).toEqual(['b']);
    expect(index.search([0.9, 0.2, 1.1, 0.3])).toEqual(['a', 'b']);
    expect(index.gridBBox('b')).toEqual([1, 0, 2, 1]);
    expect(index.gridBBox('zz')).toBeNull();
  });

  it('handles an empty district and rejects duplicate codes', () => {
    const empty = new GridIndex([]);
    expect(empty.locate(0, 0)).toBeNull();
    expect(empty.bounds()).toBeNull();
    expect(empty.search([0, 0, 1, 1])).toEqual([]);
    expect(
      () =>
        new GridIndex([
          { code: 'a', polygon: square(0, 0, 1, 1) },
          { code: 'a', polygon: square(1, 0, 2, 1) },
        ]),
    ).toThrow(/duplicate/);
  });
});

describe('polygon helpers', () => {
  it('computes areas in m² additively', () => {
    // 0.01° × 0.01° at 26.26° N is about 1113 m × 998 m.
    const a = polygonArea(square(117.6, 26.26, 117.61, 26.27));
    expect(a).toBeGreaterThan(1.1e6);
    expect(a).toBeLessThan(1.12e6);
    const halves = polygonArea(square(117.6, 26.26, 117.605, 26.27)) + polygonArea(square(117.605, 26.26, 117.61, 26.27));
    expect(Math.abs(halves - a) / a).toBeLessThan(1e-12);
    // Counter-clockwise rings are positive, holes are subtracted.
    expect(ringArea(square(0, 0, 1, 1)[0]!)).toBeGreaterThan(0);
    const withHole: PolygonCoords = [square(0, 0, 0.01, 0.01)[0]!, square(0.0025, 0.0025, 0.0075, 0.0075)[0]!];
    expect(polygonArea(withHole) / polygonArea(square(0, 0, 0.01, 0.01))).toBeCloseTo(0.75, 6);
  });

  it('finds interior points inside concave and holed polygons', () => {
    // A U shape: the centroid of its bbox lies in the notch, outside the polygon.
    const u: PolygonCoords = [
      [
        [0, 0],
        [3, 0],
        [3, 3],
        [2, 3],
        [2, 1],
        [1, 1],
        [1, 3],
        [0, 3],
        [0, 0],
      ],
    ];
    const p = interiorPoint(u)!;
    const index = new GridIndex([{ code: 'u', polygon: u }]);
    expect(index.locate(p[0], p[1])).toBe('u');
    expect(p[0] > 1 && p[0] < 2 && p[1] > 1).toBe(false);
    const ring = square(0, 0, 1, 1)[0]!;
    const holed: PolygonCoords = [ring, square(0.2, 0.2, 0.8, 0.8)[0]!];
    const q = interiorPoint(holed)!;
    expect(new GridIndex([{ code: 'h', polygon: holed }]).locate(q[0], q[1])).toBe('h');
    expect(
      interiorPoint([
        [
          [0, 0],
          [1, 0],
          [0, 0],
          [0, 0],
        ],
      ]),
    ).toBeNull();
  });

  it('detects convexity and bboxes', () => {
    expect(isConvexRing(square(0, 0, 1, 1)[0]!)).toBe(true);
    expect(
      isConvexRing([
        [0, 0],
        [2, 0],
        [1, 0.1],
        [2, 2],
        [0, 2],
        [0, 0],
      ]),
    ).toBe(false);
    expect(
      polygonBBox([
        [
          [3, 4],
          [5, 1],
          [4, 6],
          [3, 4],
        ],
      ]),
    ).toEqual([3, 1, 5, 6]);
  });
});

describe('GridIndex on the sample district', () => {
  const district = generateSampleDistrict();
  const index = new GridIndex(district.grids);

  it('maps every grid interior point to that grid', () => {
    for (const grid of district.grids) {
      const p = interiorPoint(grid.polygon);
      expect(p, grid.code).not.toBeNull();
      expect(index.locate(p![0], p![1]), grid.code).toBe(grid.code);
    }
  });

  it('maps every shared vertex to exactly one grid, the smallest code among those touching it', () => {
    for (const grid of district.grids) {
      for (const [lng, lat] of grid.polygon[0]!) {
        const code = index.locate(lng, lat);
        expect(code).not.toBeNull();
        expect(code! <= grid.code).toBe(true);
      }
    }
  });

  it('maps points outside the district to null', () => {
    const [w, s, e, n] = index.bounds()!;
    expect([w, s, e, n]).toEqual([117.59, 26.22, 117.66, 26.3]);
    const midLng = (w + e) / 2;
    const midLat = (s + n) / 2;
    const eps = 1e-6;
    expect(index.locate(117.5, 26.0)).toBeNull();
    expect(index.locate(w - eps, midLat)).toBeNull();
    expect(index.locate(e + eps, midLat)).toBeNull();
    expect(index.locate(midLng, s - eps)).toBeNull();
    expect(index.locate(midLng, n + eps)).toBeNull();
    // ... while just inside each side is located.
    expect(index.locate(w + eps, midLat)).not.toBeNull();
    expect(index.locate(e - eps, midLat)).not.toBeNull();
    expect(index.locate(midLng, s + eps)).not.toBeNull();
    expect(index.locate(midLng, n - eps)).not.toBeNull();
  });
});

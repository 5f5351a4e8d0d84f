import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { polygon as turfPolygon } from '@turf/helpers';
import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Point, Polygon } from 'geojson';
import { generateSampleDistrict } from '../district/sample.ts';
import { bboxPolygon, polygonArea } from './polygon.ts';
import { boundaryLabelPoint, dissolveBoundaries, SLIVER_M2, type BoundaryFeature } from './boundaries.ts';

const district = generateSampleDistrict();

function areaOf(f: BoundaryFeature): number {
  const g = f.geometry as Polygon | MultiPolygon;
  return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).reduce(
    (s, p) => s + polygonArea(p as Parameters<typeof polygonArea>[0]),
    0,
  );
}

describe('dissolveBoundaries', () => {
  const t0 = performance.now();
  const out = dissolveBoundaries(district);
  const ms = performance.now() - t0;
  const areas = out.features.filter((f) => f.properties.role === 'area');
  const labels = out.features.filter((f) => f.properties.role === 'label');

  it('gives one area and one label per street and per community, named', () => {
    const streets = areas.filter((f) => f.properties.level === 'street');
    const communities = areas.filter((f) => f.properties.level === 'community');
    expect(streets.map((f) => f.properties.name).sort()).toEqual(district.streets.map((s) => s.name).sort());
    expect(communities).toHaveLength(district.communities.length);
    expect(labels).toHaveLength(streets.length + communities.length);
    for (const c of communities) {
      const community = district.communities.find((x) => x.code === c.properties.code)!;
      expect(c.properties.name).toBe(community.name);
      expect(c.properties.streetCode).toBe(community.streetCode);
    }
    // Computed once per reference version; the sample's 165 grids take well under a second.
    expect(ms).toBeLessThan(3000);
  });

  it('dissolves the grids: each community covers exactly the area of its grids, in one piece without holes', () => {
    for (const c of areas.filter((f) => f.properties.level === 'community')) {
      const grids = district.grids.filter((g) => g.communityCode === c.properties.code);
      const sum = grids.reduce((s, g) => s + polygonArea(g.polygon), 0);
      expect(areaOf(c) / sum).toBeCloseTo(1, 4);
      expect(c.properties.areaM2).toBe(Math.round(areaOf(c)));
      // The sample's grids share exact edges: no seams left inside a community.
      expect(c.geometry.type).toBe('Polygon');
      expect((c.geometry as Polygon).coordinates).toHaveLength(1);
    }
    const district_m2 = district.grids.reduce((s, g) => s + polygonArea(g.polygon), 0);
    const streets_m2 = areas.filter((f) => f.properties.level === 'street').reduce((s, f) => s + areaOf(f), 0);
    expect(streets_m2 / district_m2).toBeCloseTo(1, 4);
  });

  it('puts each label inside its area', () => {
    for (const l of labels) {
      const area = areas.find((a) => a.properties.level === l.properties.level && a.properties.code === l.properties.code)!;
      const g = area.geometry as Polygon | MultiPolygon;
      const inside = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).some((p) =>
        booleanPointInPolygon((l.geometry as Point).coordinates, turfPolygon(p)),
      );
      expect(inside, `${l.properties.name}`).toBe(true);
    }
  });

  it('puts street names away from the community names, inside the street', () => {
    const communityLabels = labels.filter((l) => l.properties.level === 'community').map((l) => (l.geometry as Point).coordinates);
    // Names are wide: east–west distances count a third.
    const k = Math.cos((26.26 * Math.PI) / 180) / 3;
    const clear = (p: number[]) => Math.min(...communityLabels.map((c) => Math.hypot((p[0]! - c[0]!) * k, p[1]! - c[1]!)));
    for (const street of areas.filter((a) => a.properties.level === 'street')) {
      const at = (labels.find((l) => l.properties.level === 'street' && l.properties.code === street.properties.code)!.geometry as Point)
        .coordinates;
      const middle = boundaryLabelPoint([(street.geometry as Polygon).coordinates as [number, number][][]])!;
      expect(clear(at), street.properties.name).toBeGreaterThanOrEqual(clear(middle));
      // Far enough from any community's name that the two do not meet (about 250 m north–south).
      expect(clear(at), street.properties.name).toBeGreaterThan(0.002);
    }
  });

  it('closes millimetre seams between grids, drops pinholes, keeps real holes', () => {
    // Two squares digitised 3 mm apart along their shared edge.
    const d = 3e-8;
    const a = bboxPolygon([118.0, 26.0, 118.001, 26.001]);
    const b = bboxPolygon([118.001 + d, 26.0, 118.002, 26.001]);
    const hole = (w: number, s: number, e: number, n: number) =>
      [
        [w, s],
        [w, n],
        [e, n],
        [e, s],
        [w, s],
      ] as [number, number][];
    const c = [
      bboxPolygon([118.0, 26.001, 118.002, 26.003])[0]!,
      // A 50 m × 50 m courtyard (about 2500 m²): a real enclave, kept.
      hole(118.00075, 26.00175, 118.00125, 26.00225),
      // A pinhole of about 1 m²: digitising noise, dropped.
      hole(118.0015, 26.0015, 118.00151, 26.00151),
    ];
    const out2 = dissolveBoundaries({
      grids: [
        { code: 'a', communityCode: 'c1', streetCode: 's', polygon: a },
        { code: 'b', communityCode: 'c1', streetCode: 's', polygon: b },
        { code: 'c', communityCode: 'c2', streetCode: 's', polygon: c },
      ],
      communities: [
        { code: 'c1', name: '甲社区' },
        { code: 'c2', name: '' },
      ],
      streets: [{ code: 's', name: '乙街道' }],
    });
    const c1 = out2.features.find((f) => f.properties.code === 'c1' && f.properties.role === 'area')!;
    expect(c1.geometry.type).toBe('Polygon');
    expect((c1.geometry as Polygon).coordinates).toHaveLength(1);
    const c2 = out2.features.find((f) => f.properties.code === 'c2' && f.properties.role === 'area')!;
    const rings = (c2.geometry as Polygon).coordinates as [number, number][][];
    expect(rings).toHaveLength(2);
    expect(polygonArea([rings[1]!])).toBeGreaterThan(SLIVER_M2);
    // A community without a name is labelled by its code.
    expect(c2.properties.name).toBe('c2');
    const street = out2.features.filter((f) => f.properties.level === 'street');
    expect(street.map((f) => [f.properties.role, f.properties.name])).toEqual([
      ['area', '乙街道'],
      ['label', '乙街道'],
    ]);
    // The street is the three grids in one piece, with the courtyard.
    expect((street[0]!.geometry as Polygon).coordinates).toHaveLength(2);
  });
});

import { describe, expect, it } from 'vitest';
import { generateSampleDistrict } from '../district/sample.ts';
import { GridIndex } from '../geo/gridIndex.ts';
import { interiorPoint, bboxPolygon } from '../geo/polygon.ts';
import { gridsCrossed } from './gridsCrossed.ts';
import type { Fix } from './track.ts';

const district = generateSampleDistrict();
const index = new GridIndex(district.grids);
const centre = (code: string) => interiorPoint(district.grids.find((g) => g.code === code)!.polygon)!;

describe('grids crossed by a track', () => {
  it('lists every grid a walk through the 小蕉 row passes, in order, even between sparse fixes', () => {
    const [aLng, aLat] = centre('35040400200801');
    const [bLng, bLat] = centre('35040400200804');
    // Three fixes only, 1.4 km apart: the grids in between are found by sampling the segments.
    const fixes: Fix[] = [
      { t: 0, lng: aLng, lat: aLat },
      { t: 60_000, lng: (aLng + bLng) / 2, lat: (aLat + bLat) / 2 },
      { t: 120_000, lng: bLng, lat: bLat },
    ];
    const visits = gridsCrossed(fixes, index);
    expect(visits.map((v) => v.code)).toEqual(['35040400200801', '35040400200802', '35040400200803', '35040400200804']);
    expect(visits[0]!.firstAt).toBe(0);
    expect(visits.map((v) => v.firstAt)).toEqual([...visits.map((v) => v.firstAt)].sort((x, y) => x - y));

    // Cross-check against a dense 1 m sampling of the same line.
    const dense = new Set<string>();
    for (let i = 0; i <= 2000; i++) dense.add(index.locate(aLng + ((bLng - aLng) * i) / 2000, aLat + ((bLat - aLat) * i) / 2000)!);
    expect(new Set(visits.map((v) => v.code))).toEqual(dense);
  });

  it('does not join fixes across a long gap (a pause or a bus ride)', () => {
    const [aLng, aLat] = centre('35040400200801');
    const [bLng, bLat] = centre('35040400200804');
    const visits = gridsCrossed(
      [
        { t: 0, lng: aLng, lat: aLat },
        { t: 3_600_000, lng: bLng, lat: bLat },
      ],
      index,
    );
    expect(visits.map((v) => v.code)).toEqual(['35040400200801', '35040400200804']);
  });

  it('ignores fixes outside the district', () => {
    const tiny = new GridIndex([{ code: 'a', polygon: bboxPolygon([0, 0, 0.001, 0.001]) }]);
    expect(gridsCrossed([{ t: 0, lng: 5, lat: 5 }], tiny)).toEqual([]);
    expect(gridsCrossed([], tiny)).toEqual([]);
  });
});

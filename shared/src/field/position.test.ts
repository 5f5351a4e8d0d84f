import { describe, expect, it } from 'vitest';
import { GridIndex } from '../geo/gridIndex.ts';
import { bboxPolygon } from '../geo/polygon.ts';
import { positionProblem, TRACK_MARGIN_M, type DistrictArea } from './position.ts';

/** Two grids side by side near Sanming: 117.60–117.62 E, 26.24–26.26 N. */
const index = new GridIndex([
  { code: 'a', polygon: bboxPolygon([117.6, 26.24, 117.61, 26.26]) },
  { code: 'b', polygon: bboxPolygon([117.61, 26.24, 117.62, 26.26]) },
]);
const area: DistrictArea = { locate: (lng, lat) => index.locate(lng, lat), bounds: index.bounds() };
/** Degrees of latitude per metre. */
const M = 1 / 111_195;

describe('positionProblem', () => {
  it('takes a point inside a grid under both rules', () => {
    expect(positionProblem('in_district', 117.605, 26.25, area)).toBeNull();
    expect(positionProblem('near_district', 117.615, 26.25, area)).toBeNull();
  });

  it('keeps a track point just over the boundary, refuses a sighting there', () => {
    const lat = 26.26 + 200 * M;
    expect(positionProblem('near_district', 117.605, lat, area)).toBeNull();
    expect(positionProblem('in_district', 117.605, lat, area)).toEqual({
      field: 'lng',
      reason: expect.stringMatching(/outside the district/),
    });
  });

  it('refuses (0, 0), latitude 0 and points beyond the margin, naming the coordinate that is off', () => {
    for (const rule of ['in_district', 'near_district'] as const) {
      expect(positionProblem(rule, 0, 0, area)?.reason).toMatch(/without a fix/);
      expect(positionProblem(rule, 117.605, 0, area)?.field).toBe('lat');
      expect(positionProblem(rule, 116.4, 26.25, area)?.field).toBe('lng');
      expect(positionProblem(rule, 117.605, 26.26 + (TRACK_MARGIN_M + 100) * M, area)?.field).toBe('lat');
      expect(positionProblem(rule, Number.NaN, 26.25, area)?.field).toBe('lng');
    }
  });

  it('refuses everything while the district has no grids', () => {
    expect(positionProblem('near_district', 117.605, 26.25, { locate: () => null, bounds: null })).not.toBeNull();
  });
});

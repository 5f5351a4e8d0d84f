import { describe, expect, it } from 'vitest';
import type { Incident } from '@streetchief/shared/domain/incident';
import type { Categories } from '../api/categories.ts';
import type { GridCollection } from '../api/grids.ts';
import { buildLookups } from '../common/lookups.ts';
import type { MinuteEntry } from './model.ts';
import { minuteCase } from './minutesText.ts';

const square = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ],
  ] as [number, number][][],
};
const grid = (code: string, name: string, nameEn: string) => ({
  type: 'Feature' as const,
  geometry: square,
  properties: {
    code,
    name,
    nameEn,
    communityCode: '350404002008',
    communityName: '东安社区',
    communityNameEn: "Dong'an Community",
    streetCode: '350404002',
    streetName: '列东街道',
    streetNameEn: 'Liedong Street',
  },
});
const grids: GridCollection = {
  type: 'FeatureCollection',
  bbox: [0, 0, 1, 1],
  features: [grid('35040400200803', '东安社区第03网格', "Dong'an Grid 03"), grid('35040400200804', '第04网格', 'Grid 04')],
};
const categories = {
  classes: [{ code: 'E0101', name: '暴露垃圾', nameEn: 'Exposed rubbish', major: '市容环境', majorEn: 'Environment' }],
  departments: [],
} as unknown as Categories;

const minute = (gridCode: string): MinuteEntry => ({
  key: 'c1@4',
  seq: 1,
  caseId: 'c1',
  at: '2026-12-03T02:00:00Z',
  who: '督查员',
  note: '',
  incident: { id: 'c1', gridCode, categoryCode: 'E0101' } as Incident,
  redispatched: false,
});

describe('the case line of a minute', () => {
  it('names the community once when the grid name already holds it', () => {
    const zh = buildLookups(grids, categories, 'zh-CN');
    expect(minuteCase(minute('35040400200803'), zh)).toBe('暴露垃圾（东安社区第03网格）');
    const en = buildLookups(grids, categories, 'en');
    expect(minuteCase(minute('35040400200803'), en)).toBe("Exposed rubbish (Dong'an Grid 03)");
  });

  it('adds the community to a grid named by its number', () => {
    expect(minuteCase(minute('35040400200804'), buildLookups(grids, categories, 'zh-CN'))).toBe('暴露垃圾（东安社区第04网格）');
    expect(minuteCase(minute('35040400200804'), buildLookups(grids, categories, 'en'))).toBe(
      "Exposed rubbish (Dong'an Community, Grid 04)",
    );
  });

  it('falls back to the class when the grid is unknown', () => {
    expect(minuteCase(minute('nope'), buildLookups(grids, categories, 'zh-CN'))).toBe('暴露垃圾');
  });
});

import { describe, expect, it } from 'vitest';
import { SAMPLE_CATALOGUE, SAMPLE_DEPARTMENTS } from '@streetchief/shared/district/index';
import type { GridCollection } from '../api/grids.ts';
import { buildLookups } from './lookups.ts';

const square = [
  [
    [117.6, 26.25],
    [117.601, 26.25],
    [117.601, 26.251],
    [117.6, 26.25],
  ],
] as [number, number][][];

const grids: GridCollection = {
  type: 'FeatureCollection',
  bbox: [117.6, 26.25, 117.601, 26.251],
  features: [
    {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: square },
      properties: {
        code: '35040400100103',
        name: '东安社区第03网格',
        nameEn: "Dong'an Grid 03",
        communityCode: '350404001001',
        communityName: '东安社区',
        communityNameEn: "Dong'an Community",
        streetCode: '350404001',
        streetName: '列东街道',
        streetNameEn: 'Liedong Street',
      },
    },
    {
      // An imported grid without English names.
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: square },
      properties: {
        code: '35040400900101',
        name: '导入社区第01网格',
        communityCode: '350404009001',
        communityName: '导入社区',
        streetCode: '350404009',
        streetName: '导入街道',
      },
    },
  ],
};
const categories = {
  classes: [...SAMPLE_CATALOGUE, { ...SAMPLE_CATALOGUE[0]!, code: 'C0999', name: '导入小类', nameEn: undefined, majorEn: undefined }],
  departments: [...SAMPLE_DEPARTMENTS, { code: 'dept01', name: '一号部门' }],
};

describe('lookups in the reader language', () => {
  it('names classes, departments, grids and streets in English, falling back to Chinese', () => {
    const en = buildLookups(grids, categories, 'en');
    expect(en.category('C0101')).toBe('Manhole cover missing');
    expect(en.classMajor('C0101')).toBe('Public utilities');
    expect(en.category('C0999')).toBe('导入小类');
    expect(en.department('gaj')).toBe('Traffic Police Brigade');
    expect(en.departmentShort('gaj')).toBe('Traffic Police');
    expect(en.department('dept01')).toBe('一号部门');
    expect(en.departmentShort('dept01')).toBe('一号部门');
    expect(en.department('nope')).toBe('nope');
    expect(en.department(null)).toBeUndefined();
    expect(en.grid('35040400100103')).toEqual({
      code: '35040400100103',
      name: "Dong'an Grid 03",
      communityName: "Dong'an Community",
      streetCode: '350404001',
      streetName: 'Liedong Street',
    });
    expect(en.grid('35040400900101')).toMatchObject({ name: '导入社区第01网格', communityName: '导入社区', streetName: '导入街道' });
    expect(en.streets).toEqual([
      { code: '350404001', name: 'Liedong Street' },
      { code: '350404009', name: '导入街道' },
    ]);
    expect(en.departments.find((d) => d.code === 'gaj')).toEqual({
      code: 'gaj',
      name: 'Traffic Police Brigade',
      shortName: 'Traffic Police',
    });
  });

  it('speaks Chinese on Chinese screens, with the short department names', () => {
    const zh = buildLookups(grids, categories, 'zh-CN');
    expect(zh.category('C0101')).toBe('井盖缺失');
    expect(zh.classMajor('C0101')).toBe('公用设施');
    expect(zh.department('gaj')).toBe('公安分局交警大队');
    expect(zh.departmentShort('gaj')).toBe('交警大队');
    expect(zh.grid('35040400100103')).toMatchObject({ name: '东安社区第03网格', communityName: '东安社区', streetName: '列东街道' });
    expect(zh.streets[0]).toEqual({ code: '350404001', name: '列东街道' });
  });
});

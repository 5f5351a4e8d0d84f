import { describe, expect, it } from 'vitest';
import { SAMPLE_DEPARTMENTS } from '../district/departments.ts';
import { generateSampleDistrict } from '../district/sample.ts';
import { localMajor, localName, localShortName } from './localName.ts';

describe('names in the reader language', () => {
  it('English when there is one, else the Chinese name', () => {
    expect(localName({ name: '列东街道', nameEn: 'Liedong Street' }, 'en')).toBe('Liedong Street');
    expect(localName({ name: '列东街道', nameEn: 'Liedong Street' }, 'zh-CN')).toBe('列东街道');
    expect(localName({ name: '导入街道' }, 'en')).toBe('导入街道');
    expect(localName({ name: '导入街道', nameEn: '' }, 'en')).toBe('导入街道');
    expect(localMajor({ major: '市容环境', majorEn: 'Streetscape and sanitation' }, 'en')).toBe('Streetscape and sanitation');
    expect(localMajor({ major: '市容环境' }, 'en')).toBe('市容环境');
  });

  it('a short department name for tight spaces, falling back to the full names', () => {
    const traffic = SAMPLE_DEPARTMENTS.find((d) => d.code === 'gaj')!;
    expect(localShortName(traffic, 'zh-CN')).toBe('交警大队');
    expect(localShortName(traffic, 'en')).toBe('Traffic Police');
    expect(localName(traffic, 'en')).toBe('Traffic Police Brigade');
    expect(localShortName({ name: '城市管理局', nameEn: 'City Management Bureau' }, 'en')).toBe('City Management Bureau');
    expect(localShortName({ name: '城市管理局', shortName: '城管局' }, 'en')).toBe('城管局');
    expect(localShortName({ name: '城市管理局' }, 'zh-CN')).toBe('城市管理局');
  });

  it('every sample department, street, community and grid has an English name; short names are short', () => {
    for (const d of SAMPLE_DEPARTMENTS) {
      expect(d.nameEn, d.code).toBeTruthy();
      expect(d.shortName!.length, d.code).toBeLessThanOrEqual(5);
      expect(d.shortNameEn!.length, d.code).toBeLessThanOrEqual(18);
    }
    const d = generateSampleDistrict();
    expect(d.streets.map((s) => s.nameEn)).toEqual(['Liedong Street', 'Liexi Street', 'Xubi Street']);
    expect(d.communities.find((c) => c.name === '东安社区')!.nameEn).toBe("Dong'an Community");
    expect(d.communities.find((c) => c.name === '列西村')!.nameEn).toBe('Liexi Village');
    expect(d.grids.find((g) => g.name === '东安社区第03网格')!.nameEn).toBe("Dong'an Grid 03");
    expect(d.grids.find((g) => g.name === '列西村第01网格')!.nameEn).toBe('Liexi Village Grid 01');
    for (const g of d.grids) expect(g.nameEn, g.code).toMatch(/ Grid \d\d$/);
  });
});

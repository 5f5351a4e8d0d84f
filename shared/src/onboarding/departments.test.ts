import { describe, expect, it } from 'vitest';
import { sheetOf } from './columns.ts';
import { checkDepartments } from './departments.ts';

describe('checkDepartments', () => {
  it('reads Chinese headers, lower-cases codes and skips blank rows', () => {
    const r = checkDepartments(
      sheetOf([
        { '部门编码*': 'CGJ', 部门名称: '城市管理局', 备注: '综合执法' },
        { '部门编码*': '', 部门名称: '', 备注: '' },
        { '部门编码*': 'hwc', 部门名称: ' 环境卫生管理处 ', 备注: '' },
      ]),
    );
    expect(r).toEqual({
      ok: true,
      departments: [
        { code: 'cgj', name: '城市管理局' },
        { code: 'hwc', name: '环境卫生管理处' },
      ],
    });
  });

  it('reports every bad row with its row number', () => {
    const r = checkDepartments(
      sheetOf([
        { code: 'cgj', name: '城市管理局' },
        { code: 'cgj', name: '城管' },
        { code: '城管-1', name: '数字部门' },
        { code: 'szj', name: '' },
        { code: 'ylj', name: '城市管理局' },
      ]),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.feature, p.code])).toEqual([
      ['row 3', 'code_duplicate'],
      ['row 4', 'code_format'],
      ['row 5', 'name_missing'],
      ['row 6', 'name_duplicate'],
    ]);
    expect(r.problems[0]!.message).toBe('部门编码 cgj 与第2行重复 (department code cgj repeats row 2)');
  });

  it('accepts numbered units as a district office writes them (0598)', () => {
    const r = checkDepartments(sheetOf([{ code: '0598', name: '数字城管中心' }]));
    expect(r).toMatchObject({ ok: true });
  });

  it('names the missing column and the headers it accepts', () => {
    const r = checkDepartments(sheetOf([{ 编号: 'cgj', 部门名称: '城市管理局' }]));
    expect(r).toMatchObject({ ok: false, problems: [{ code: 'column_missing', feature: 'file', field: '部门编码' }] });
    if (!r.ok) expect(r.problems[0]!.message).toContain('部门编码, 部门代码');
  });

  it('takes optional English and short names; rows without them have none', () => {
    const r = checkDepartments(
      sheetOf([
        { 部门编码: 'gaj', 部门名称: '公安分局交警大队', 英文名称: 'Traffic Police Brigade', 简称: '交警大队', 英文简称: 'Traffic Police' },
        { 部门编码: 'cgj', 部门名称: '城市管理局', 英文名称: '', 简称: '', 英文简称: '' },
      ]),
    );
    expect(r).toEqual({
      ok: true,
      departments: [
        { code: 'gaj', name: '公安分局交警大队', nameEn: 'Traffic Police Brigade', shortName: '交警大队', shortNameEn: 'Traffic Police' },
        { code: 'cgj', name: '城市管理局' },
      ],
    });
    const en = checkDepartments(
      sheetOf([{ code: 'sw', name: '水务集团', name_en: 'Water Supply Group', short_name: '水务', short_name_en: 'Water' }]),
    );
    expect(en).toEqual({
      ok: true,
      departments: [{ code: 'sw', name: '水务集团', nameEn: 'Water Supply Group', shortName: '水务', shortNameEn: 'Water' }],
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { ScopeReference } from '../domain/roleScope.ts';
import { checkAccounts, splitCodes } from './accounts.ts';
import { sheetOf } from './columns.ts';

const REF: ScopeReference = {
  hasGrid: (c) => ['35040400200801', '35040400200802'].includes(c),
  hasStreet: (c) => c === '350404002',
  hasDepartment: (c) => c === 'hwc',
};
const notTaken = () => false;
const row = (用户名: string, 姓名: string, 角色: string, 网格编码 = '', 街道编码 = '', 部门编码 = '') => ({
  用户名,
  姓名,
  角色,
  网格编码,
  街道编码,
  部门编码,
});

describe('checkAccounts', () => {
  it('maps Chinese and English role names and splits grid lists on 、 , ; and spaces', () => {
    const r = checkAccounts(
      sheetOf([
        row('lin.yi', '林一', '巡查员', '35040400200801、35040400200802'),
        row('chen2', '陈二', '网格员', '35040400200801，35040400200802'),
        row('huang3', '黄三', '部门处置员', '', '', 'hwc'),
        row('zhang4', '张四', '街长', '', '350404002'),
        row('wang5', '王五', 'Dispatcher'),
        row('li6', '李六', '处置员', '', '', 'hwc'),
        row('wu7', '吴七', '督查'),
        row('zheng8', '郑八', '管理员'),
      ]),
      REF,
      notTaken,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.accounts.map((a) => [a.username, a.role, a.gridCodes, a.streetCode, a.departmentCode])).toEqual([
      ['lin.yi', 'patrol', ['35040400200801', '35040400200802'], null, null],
      ['chen2', 'grid_staff', ['35040400200801', '35040400200802'], null, null],
      ['huang3', 'dept_handler', [], null, 'hwc'],
      ['zhang4', 'street_chief', [], '350404002', null],
      ['wang5', 'dispatcher', [], null, null],
      ['li6', 'dept_handler', [], null, 'hwc'],
      ['wu7', 'supervisor', [], null, null],
      ['zheng8', 'admin', [], null, null],
    ]);
    expect(splitCodes('a; b ,c\u3000d')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('reports every bad row with its row number', () => {
    const r = checkAccounts(
      sheetOf([
        row('ok1', '好人', '巡查员', '35040400200801'),
        row('x1', '甲', '保安'),
        row('bad2', '乙', '调度员', '35040400200801'),
        row('bad3', '丙', '巡查员', '35040400209999'),
        row('bad4', '丁', '街长', '', '350404999'),
        row('bad5', '戊', '部门处置员', '', '', 'szj'),
        row('ok1', '己', '督查'),
        row('taken', '庚', '督查'),
        row('bad6', '', '网格员'),
        row('wall1', '大屏', 'wall'),
      ]),
      REF,
      (u) => u === 'taken',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.feature, p.code])).toEqual([
      ['row 3', 'username_invalid'],
      ['row 3', 'role_unknown'],
      ['row 4', 'scope_gridCodes'],
      ['row 5', 'scope_gridCodes'],
      ['row 6', 'scope_streetCode'],
      ['row 7', 'scope_departmentCode'],
      ['row 8', 'username_duplicate'],
      ['row 9', 'username_taken'],
      ['row 10', 'name_missing'],
      ['row 10', 'scope_gridCodes'],
      ['row 11', 'role_unknown'],
    ]);
    expect(r.problems[5]!.message).toContain('szj');
    expect(r.problems[2]!.field).toBe('网格编码');
  });

  it('refuses a file without the role column', () => {
    const r = checkAccounts(sheetOf([{ 用户名: 'a12', 姓名: '甲' }]), REF, notTaken);
    expect(r.ok ? [] : r.problems.map((p) => p.code)).toEqual(['column_missing']);
  });
});

import { describe, expect, it } from 'vitest';
import { sheetOf } from './columns.ts';
import { checkStaff, normalizePhone } from './staff.ts';

const GRIDS = new Set(['35040400200801', '35040400200802']);

describe('checkStaff', () => {
  it('maps Chinese post names onto the five posts and numbers people sharing a post', () => {
    const r = checkStaff(
      sheetOf([
        { 网格编码: '35040400200801', 岗位: '网格长', 姓名: '林一', 电话: '13800000001' },
        { 网格编码: '35040400200801', 岗位: '网格员', 姓名: '陈二', 电话: '138 0000 0002' },
        { 网格编码: '35040400200801', 岗位: '网格员', 姓名: '黄三', 电话: '(0598)8234567' },
        { 网格编码: '35040400200802', 岗位: '网格警员', 姓名: '张四', 电话: '0598-8234568' },
        { 网格编码: '35040400200802', 岗位: '宣传员', 姓名: '王五', 电话: '+8613800000005' },
        { 网格编码: '35040400200802', 岗位: '信息员', 姓名: '李六', 电话: '13800000006' },
        { 网格编码: '35040400200802', 岗位: '服务员', 姓名: '吴七', 电话: '13800000007' },
        { 网格编码: '35040400200802', 岗位: '网格管理员', 姓名: '郑八', 电话: '13800000008' },
      ]),
      GRIDS,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.staff.map((s) => [s.id, s.post, s.phone])).toEqual([
      ['35040400200801-manager', 'manager', '13800000001'],
      ['35040400200801-information', 'information', '13800000002'],
      ['35040400200801-information-2', 'information', '0598-8234567'],
      ['35040400200802-police', 'police', '0598-8234568'],
      ['35040400200802-publicity', 'publicity', '+8613800000005'],
      ['35040400200802-information', 'information', '13800000006'],
      ['35040400200802-service', 'service', '13800000007'],
      ['35040400200802-manager', 'manager', '13800000008'],
    ]);
  });

  it('reports staff of a missing grid, unknown posts, bad phones and repeats', () => {
    const r = checkStaff(
      sheetOf([
        { 网格编码: '35040400200801', 岗位: '网格长', 姓名: '林一', 电话: '13800000001' },
        { 网格编码: '35040400200899', 岗位: '网格长', 姓名: '陈二', 电话: '13800000002' },
        { 网格编码: '3504040020080', 岗位: '组长', 姓名: '', 电话: '12345' },
        { 网格编码: '35040400200801', 岗位: '网格管理员', 姓名: '林一', 电话: '13800000001' },
      ]),
      GRIDS,
    );
    expect(r.ok ? [] : r.problems.map((p) => `${p.feature} ${p.code}`)).toEqual([
      'row 3 grid_unknown',
      'row 4 grid_format',
      'row 4 post_invalid',
      'row 4 name_missing',
      'row 4 phone_invalid',
      'row 5 staff_duplicate',
    ]);
  });

  it('normalises phone numbers', () => {
    expect(normalizePhone('１３８ ００００ ００００')).toBe('13800000000');
    expect(normalizePhone('(0598) 8234567')).toBe('0598-8234567');
  });
});

import { describe, expect, it } from 'vitest';
import { checkClasses, parseTimeLimit } from './classes.ts';
import { sheetOf } from './columns.ts';

const DEPTS = [
  { code: 'hwc', name: '环境卫生管理处' },
  { code: 'cgj', name: '城市管理局' },
];

const row = (over: Record<string, string> = {}) => ({
  大类编码: 'E01',
  大类名称: '市容环境',
  小类编码: 'E0101',
  小类名称: '暴露垃圾',
  类型: '事件',
  处置时限: '4',
  时限单位: '工作时',
  责任部门编码: 'hwc',
  是否紧急: '否',
  ...over,
});

describe('parseTimeLimit', () => {
  it('reads the value and unit from one cell or two', () => {
    expect(parseTimeLimit('4', '工作时')).toEqual({ value: 4, unit: 'hours' });
    expect(parseTimeLimit('5个工作日', '')).toEqual({ value: 5, unit: 'days' });
    expect(parseTimeLimit('2h', 'hours')).toEqual({ value: 2, unit: 'hours' });
    expect(parseTimeLimit('２ 工作日', '')).toEqual({ value: 2, unit: 'days' });
  });

  it('says what is wrong', () => {
    expect(parseTimeLimit('4', '')).toMatchObject({ error: expect.arrayContaining([expect.stringContaining('单位')]) });
    expect(parseTimeLimit('4工作时', '工作日')).toMatchObject({ error: expect.arrayContaining([expect.stringContaining('不一致')]) });
    expect(parseTimeLimit('four', '工作时')).toMatchObject({ error: expect.arrayContaining([expect.stringContaining('正整数')]) });
    expect(parseTimeLimit('0', '工作日')).toMatchObject({ error: expect.arrayContaining([expect.stringContaining('大于0')]) });
    expect(parseTimeLimit('3', '周')).toMatchObject({ error: expect.arrayContaining([expect.stringContaining('周')]) });
  });
});

describe('checkClasses', () => {
  it('builds case classes; the department may be given by name', () => {
    const r = checkClasses(
      sheetOf([
        row(),
        row({
          大类编码: 'E04',
          大类名称: '街面秩序',
          小类编码: 'e0401',
          小类名称: '占道经营',
          处置时限: '2',
          责任部门编码: '城市管理局',
          是否紧急: '是',
        }),
      ]),
      DEPTS,
    );
    expect(r).toEqual({
      ok: true,
      classes: [
        {
          code: 'E0101',
          kind: 'event',
          major: '市容环境',
          name: '暴露垃圾',
          departmentCode: 'hwc',
          timeLimit: { value: 4, unit: 'hours' },
          urgent: false,
        },
        {
          code: 'E0401',
          kind: 'event',
          major: '街面秩序',
          name: '占道经营',
          departmentCode: 'cgj',
          timeLimit: { value: 2, unit: 'hours' },
          urgent: true,
        },
      ],
    });
  });

  it('reports every bad row, including a class naming a missing department', () => {
    const r = checkClasses(
      sheetOf([
        row(),
        row({ 小类名称: '道路不洁' }),
        row({ 小类编码: 'E01', 类型: '案件' }),
        row({ 小类编码: 'E0102', 责任部门编码: 'szj' }),
        row({ 小类编码: 'C0201', 大类编码: 'E01' }),
        row({ 小类编码: 'E0103', 大类名称: '环境卫生' }),
        row({ 小类编码: 'E0104', 处置时限: '', 是否紧急: '也许' }),
      ]),
      DEPTS,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => `${p.feature} ${p.code}`)).toEqual([
      'row 3 code_duplicate',
      'row 4 code_format',
      'row 4 kind_invalid',
      'row 5 department_unknown',
      'row 6 major_code',
      'row 7 major_conflict',
      'row 8 limit_invalid',
      'row 8 urgent_invalid',
    ]);
    expect(r.problems.find((p) => p.code === 'department_unknown')).toMatchObject({
      field: '责任部门编码',
      message: expect.stringContaining('szj'),
    });
  });

  it('needs the required columns', () => {
    const r = checkClasses(sheetOf([{ 小类编码: 'E0101', 小类名称: '暴露垃圾' }]), DEPTS);
    expect(r.ok ? [] : r.problems.map((p) => p.field)).toEqual(['大类名称', '类型', '处置时限', '责任部门编码']);
  });

  it('takes optional English names (name_en, major_en); a row leaving them empty has none', () => {
    const r = checkClasses(
      sheetOf([
        row({ 小类英文名称: 'Exposed rubbish', major_en: 'Streetscape and sanitation' }),
        row({ 小类编码: 'E0102', 小类名称: '道路不洁', 小类英文名称: ' ', major_en: '' }),
      ]),
      DEPTS,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.classes[0]).toMatchObject({ name: '暴露垃圾', nameEn: 'Exposed rubbish', majorEn: 'Streetscape and sanitation' });
    expect(r.classes[1]).not.toHaveProperty('nameEn');
    expect(r.classes[1]).not.toHaveProperty('majorEn');
  });

  it('reads English headers for the English names', () => {
    const r = checkClasses(
      sheetOf([
        {
          code: 'C0101',
          name: '井盖缺失',
          name_en: 'Manhole cover missing',
          major: '公用设施',
          major_name_en: 'Public utilities',
          kind: 'component',
          limit: '2h',
          department: 'hwc',
        },
      ]),
      DEPTS,
    );
    expect(r).toMatchObject({ ok: true, classes: [{ nameEn: 'Manhole cover missing', majorEn: 'Public utilities' }] });
  });
});

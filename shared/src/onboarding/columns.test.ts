import { describe, expect, it } from 'vitest';
import { normalizeName, parseYesNo, resolveColumns } from './columns.ts';

const SPECS = [
  { key: 'code', headers: ['网格编码', 'code'], required: true },
  { key: 'name', headers: ['姓名', 'name'], required: false },
] as const;

describe('columns', () => {
  it('compares headers without case, width, spaces, a BOM or a required-column star', () => {
    expect(normalizeName('\uFEFF Grid Code* ')).toBe('gridcode');
    expect(normalizeName('ＣＯＤＥ')).toBe('code');
    expect(resolveColumns(['\uFEFF网格编码 *', 'NAME', '备注'], SPECS)).toEqual({
      columns: { code: '\uFEFF网格编码 *', name: 'NAME' },
      problems: [],
    });
  });

  it('reports two headers for one column and a missing required one', () => {
    expect(resolveColumns(['姓名', 'name'], SPECS).problems.map((p) => [p.code, p.field])).toEqual([
      ['column_duplicate', 'name'],
      ['column_missing', '网格编码'],
    ]);
  });

  it('reads yes/no cells', () => {
    expect(['是', 'Y', 'true', '1'].map((v) => parseYesNo(v, false))).toEqual([true, true, true, true]);
    expect(['否', 'no', '0', ''].map((v) => parseYesNo(v, false))).toEqual([false, false, false, false]);
    expect(parseYesNo('也许', false)).toBeNull();
  });
});

import { DepartmentSchema, type Department } from '../domain/district.ts';
import {
  cellOf,
  isBlankRow,
  normalizeCode,
  resolveColumns,
  rowLabel,
  type ColumnMap,
  type ColumnSpec,
  type Sheet,
  type SheetRow,
} from './columns.ts';
import { problem, type Checked, type Problem } from './problem.ts';

/** Accepted headers of a department list (部门). */
export const DEPARTMENT_COLUMNS = [
  { key: 'code', headers: ['部门编码', '部门代码', '编码', 'code', 'department_code'], required: true },
  { key: 'name', headers: ['部门名称', '名称', '部门', 'name', 'department_name'], required: true },
  { key: 'nameEn', headers: ['英文名称', '部门英文名称', 'name_en', 'department_name_en'], required: false },
  { key: 'shortName', headers: ['简称', '部门简称', 'short_name'], required: false },
  { key: 'shortNameEn', headers: ['英文简称', '部门英文简称', 'short_name_en'], required: false },
] as const satisfies readonly ColumnSpec[];

/**
 * A department code as stored: lower case (a file may write `CGJ`), 2–32 letters, digits or underscores,
 * the form user accounts and case dispatches refer to.
 */
export const departmentCodeOf = (value: string): string => normalizeCode(value).toLowerCase();

/** The optional names of a row (English, short), only those the row fills in. */
function optionalNames(row: SheetRow, columns: ColumnMap<(typeof DEPARTMENT_COLUMNS)[number]['key']>): Partial<Department> {
  const out: Partial<Department> = {};
  for (const key of ['nameEn', 'shortName', 'shortNameEn'] as const) {
    const value = cellOf(row, columns, key);
    if (value) out[key] = value;
  }
  return out;
}

/** Check a department list: every row a valid code and a name, no code or name twice. */
export function checkDepartments(sheet: Sheet): Checked<{ departments: Department[] }> {
  const { columns, problems } = resolveColumns(sheet.headers, DEPARTMENT_COLUMNS);
  if (problems.length) return { ok: false, problems };
  const out: Problem[] = [];
  const departments: Department[] = [];
  const rowOfCode = new Map<string, number>();
  const rowOfName = new Map<string, number>();
  for (const row of sheet.rows) {
    if (isBlankRow(row)) continue;
    const where = rowLabel(row);
    const code = departmentCodeOf(cellOf(row, columns, 'code'));
    const name = cellOf(row, columns, 'name');
    let ok = true;
    if (!code) {
      out.push(problem('code_missing', where, '缺少部门编码', 'missing department code', { field: columns.code }));
      ok = false;
    } else if (!DepartmentSchema.shape.code.safeParse(code).success) {
      out.push(
        problem(
          'code_format',
          where,
          `部门编码“${code}”应为2–32位字母、数字或下划线`,
          `department code must be 2–32 letters a–z, digits or underscores, e.g. cgj or 001`,
          {
            field: columns.code,
          },
        ),
      );
      ok = false;
    } else if (rowOfCode.has(code)) {
      out.push(
        problem(
          'code_duplicate',
          where,
          `部门编码 ${code} 与第${rowOfCode.get(code)}行重复`,
          `department code ${code} repeats row ${rowOfCode.get(code)}`,
          { field: columns.code },
        ),
      );
      ok = false;
    }
    if (!name) {
      out.push(problem('name_missing', where, '缺少部门名称', 'missing department name', { field: columns.name }));
      ok = false;
    } else if (rowOfName.has(name)) {
      out.push(
        problem(
          'name_duplicate',
          where,
          `部门名称“${name}”与第${rowOfName.get(name)}行重复`,
          `department name repeats row ${rowOfName.get(name)}`,
          { field: columns.name },
        ),
      );
      ok = false;
    }
    if (code && !rowOfCode.has(code)) rowOfCode.set(code, row.row);
    if (name && !rowOfName.has(name)) rowOfName.set(name, row.row);
    if (ok) departments.push({ code, name, ...optionalNames(row, columns) });
  }
  if (!out.length && departments.length === 0) out.push(problem('rows_empty', 'file', '文件中没有部门', 'the file lists no departments'));
  return out.length ? { ok: false, problems: out } : { ok: true, departments };
}

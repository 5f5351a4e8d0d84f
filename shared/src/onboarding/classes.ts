import { CaseClassSchema, type CaseClass, type CaseKind, type TimeLimit } from '../domain/catalogue.ts';
import type { Department } from '../domain/district.ts';
import {
  cellOf,
  isBlankRow,
  normalizeCode,
  normalizeName,
  parseYesNo,
  resolveColumns,
  rowLabel,
  type ColumnSpec,
  type Sheet,
} from './columns.ts';
import { departmentCodeOf } from './departments.ts';
import { problem, type Checked, type Problem } from './problem.ts';

/** Accepted headers of a case-class catalogue (案件分类: 大类/小类). */
export const CLASS_COLUMNS = [
  { key: 'code', headers: ['小类编码', '小类代码', '编码', 'code', 'minor_code', 'class_code'], required: true },
  { key: 'name', headers: ['小类名称', '小类', 'name', 'minor_name', 'class_name'], required: true },
  { key: 'nameEn', headers: ['小类英文名称', '英文名称', 'name_en', 'minor_name_en', 'class_name_en'], required: false },
  { key: 'majorCode', headers: ['大类编码', '大类代码', 'major_code'], required: false },
  { key: 'major', headers: ['大类名称', '大类', 'major', 'major_name'], required: true },
  { key: 'majorEn', headers: ['大类英文名称', 'major_en', 'major_name_en'], required: false },
  { key: 'kind', headers: ['类型', '案件类型', '类别', 'kind'], required: true },
  { key: 'limit', headers: ['处置时限', '时限', '办理时限', 'time_limit', 'limit'], required: true },
  { key: 'unit', headers: ['时限单位', '单位', 'limit_unit', 'unit'], required: false },
  { key: 'department', headers: ['责任部门编码', '责任部门', '部门编码', '主办部门', 'department_code', 'department'], required: true },
  { key: 'urgent', headers: ['是否紧急', '紧急', 'urgent'], required: false },
] as const satisfies readonly ColumnSpec[];

const KINDS: Record<string, CaseKind> = { 部件: 'component', component: 'component', 事件: 'event', event: 'event' };

/** Limit units: working hours or working days, as written in Chinese tables or in English. */
const UNITS: Record<string, TimeLimit['unit']> = {
  工作时: 'hours',
  工作小时: 'hours',
  小时: 'hours',
  时: 'hours',
  h: 'hours',
  hour: 'hours',
  hours: 'hours',
  工作日: 'days',
  个工作日: 'days',
  天: 'days',
  日: 'days',
  d: 'days',
  day: 'days',
  days: 'days',
};

/**
 * A time limit from its cells: `4` with unit `工作时`, or the two in one cell (`4工作时`, `5个工作日`,
 * `2h`). Returns a reason when it cannot be read.
 */
export function parseTimeLimit(limitCell: string, unitCell: string): TimeLimit | { error: [string, string] } {
  const m = /^(\d+)(.*)$/.exec(normalizeName(limitCell));
  if (!m) return { error: [`时限“${limitCell}”应为正整数`, `time limit "${limitCell}" must be a whole number of working hours or days`] };
  const value = Number(m[1]);
  const inline = m[2] ? UNITS[m[2]] : undefined;
  if (m[2] && !inline) return { error: [`无法识别时限单位“${m[2]}”`, `unknown time-limit unit "${m[2]}": use 工作时 or 工作日`] };
  const column = unitCell ? UNITS[normalizeName(unitCell)] : undefined;
  if (unitCell && !column)
    return { error: [`无法识别时限单位“${unitCell}”`, `unknown time-limit unit "${unitCell}": use 工作时 or 工作日`] };
  if (inline && column && inline !== column)
    return { error: ['时限与单位列不一致', `the limit says ${inline}, the unit column ${column}`] };
  const unit = inline ?? column;
  if (!unit)
    return { error: ['缺少时限单位（工作时/工作日）', 'missing time-limit unit: 工作时 (working hours) or 工作日 (working days)'] };
  if (value < 1) return { error: ['时限须大于0', 'time limit must be at least 1'] };
  return { value, unit };
}

/** Does a minor-class code sit under its major-class code? `E01` or `01` both name major 01 of `E0101`. */
function underMajor(code: string, majorCode: string): boolean {
  if (/^[A-Z]\d{2}$/.test(majorCode)) return code.startsWith(majorCode);
  if (/^\d{2}$/.test(majorCode)) return code.slice(1, 3) === majorCode;
  return false;
}

/**
 * Check a two-level case-class catalogue against the departments that will exist (those stored,
 * or a list being imported with it). The department cell may hold a department's code or its
 * exact name. Every row becomes a `CaseClass`, checked with its schema too.
 */
export function checkClasses(sheet: Sheet, departments: readonly Department[]): Checked<{ classes: CaseClass[] }> {
  const { columns, problems } = resolveColumns(sheet.headers, CLASS_COLUMNS);
  if (problems.length) return { ok: false, problems };
  const byCode = new Map(departments.map((d) => [d.code, d]));
  const byName = new Map(departments.map((d) => [d.name, d]));
  const out: Problem[] = [];
  const classes: CaseClass[] = [];
  const rowOfCode = new Map<string, number>();
  const majorNames = new Map<string, { name: string; row: number }>();
  for (const row of sheet.rows) {
    if (isBlankRow(row)) continue;
    const where = rowLabel(row);
    const before = out.length;
    const bad = (code: string, field: keyof typeof columns, zh: string, en: string) =>
      out.push(problem(code, where, zh, en, { field: columns[field] ?? field }));
    const code = normalizeCode(cellOf(row, columns, 'code')).toUpperCase();
    const name = cellOf(row, columns, 'name');
    const major = cellOf(row, columns, 'major');
    // English names are optional: a class without one reads in Chinese on English screens.
    const nameEn = cellOf(row, columns, 'nameEn');
    const majorEn = cellOf(row, columns, 'majorEn');
    const majorCode = normalizeCode(cellOf(row, columns, 'majorCode')).toUpperCase();
    const kind = KINDS[normalizeName(cellOf(row, columns, 'kind'))];
    const limit = parseTimeLimit(cellOf(row, columns, 'limit'), cellOf(row, columns, 'unit'));
    const deptCell = cellOf(row, columns, 'department');
    const dept = byCode.get(departmentCodeOf(deptCell)) ?? byName.get(deptCell);
    const urgent = parseYesNo(cellOf(row, columns, 'urgent'), false);

    if (!CaseClassSchema.shape.code.safeParse(code).success)
      bad('code_format', 'code', `小类编码“${code}”应为1个字母加4位数字`, 'class code must be a letter and 4 digits, e.g. E0101');
    else if (rowOfCode.has(code))
      bad(
        'code_duplicate',
        'code',
        `小类编码 ${code} 与第${rowOfCode.get(code)}行重复`,
        `class code ${code} repeats row ${rowOfCode.get(code)}`,
      );
    else rowOfCode.set(code, row.row);
    if (!name) bad('name_missing', 'name', '缺少小类名称', 'missing minor-class name');
    if (!major) bad('major_missing', 'major', '缺少大类名称', 'missing major-class name');
    if (majorCode && !underMajor(code, majorCode))
      bad(
        'major_code',
        'majorCode',
        `小类编码 ${code} 不在大类 ${majorCode} 之下`,
        `class code ${code} is not under major class ${majorCode}`,
      );
    if (majorCode && major) {
      const seen = majorNames.get(majorCode);
      if (!seen) majorNames.set(majorCode, { name: major, row: row.row });
      else if (seen.name !== major)
        bad(
          'major_conflict',
          'major',
          `大类 ${majorCode} 名称与第${seen.row}行“${seen.name}”不一致`,
          `major class ${majorCode} is "${seen.name}" in row ${seen.row}`,
        );
    }
    if (!kind) bad('kind_invalid', 'kind', '类型应为“部件”或“事件”', 'kind must be 部件 (component) or 事件 (event)');
    if ('error' in limit) bad('limit_invalid', 'limit', limit.error[0], limit.error[1]);
    if (!deptCell) bad('department_missing', 'department', '缺少责任部门', 'missing responsible department');
    else if (!dept)
      bad(
        'department_unknown',
        'department',
        `责任部门“${deptCell}”不存在，请先导入部门`,
        `no department "${deptCell}": import the departments first`,
      );
    if (urgent === null) bad('urgent_invalid', 'urgent', '是否紧急应为“是”或“否”', 'urgent must be 是 (yes) or 否 (no)');
    if (out.length > before || !kind || 'error' in limit || !dept || urgent === null) continue;
    const parsed = CaseClassSchema.safeParse({
      code,
      kind,
      major,
      ...(majorEn ? { majorEn } : {}),
      name,
      ...(nameEn ? { nameEn } : {}),
      departmentCode: dept.code,
      timeLimit: limit,
      urgent,
    });
    if (parsed.success) classes.push(parsed.data);
    else bad('class_invalid', 'code', '分类数据无效', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  if (!out.length && classes.length === 0) out.push(problem('rows_empty', 'file', '文件中没有案件分类', 'the file lists no case classes'));
  return out.length ? { ok: false, problems: out } : { ok: true, classes };
}

import type { Staff, StaffPost } from '../domain/district.ts';
import { GRID_CODE } from './codes.ts';
import { cellOf, isBlankRow, normalizeCode, normalizeName, resolveColumns, rowLabel, type ColumnSpec, type Sheet } from './columns.ts';
import { problem, type Checked, type Problem } from './problem.ts';

/** Accepted headers of a grid staff list (一格五员). */
export const STAFF_COLUMNS = [
  { key: 'grid', headers: ['网格编码', '网格代码', '所属网格编码', 'grid_code', 'grid'], required: true },
  { key: 'post', headers: ['岗位', '职务', '职位', 'post'], required: true },
  { key: 'name', headers: ['姓名', '名字', 'name'], required: true },
  { key: 'phone', headers: ['电话', '联系电话', '手机', '手机号', '手机号码', 'phone', 'mobile'], required: true },
] as const satisfies readonly ColumnSpec[];

/**
 * Post names → the five posts of 一格五员. Districts that staff a grid with a head and members
 * write 网格长 (the grid's manager) and 网格员, whose job of collecting information from the street is
 * that of the information officer (信息员).
 */
export const POST_NAMES: Readonly<Record<string, StaffPost>> = {
  网格长: 'manager',
  网格管理员: 'manager',
  管理员: 'manager',
  manager: 'manager',
  网格警员: 'police',
  警员: 'police',
  民警: 'police',
  社区民警: 'police',
  police: 'police',
  网格宣传员: 'publicity',
  宣传员: 'publicity',
  publicity: 'publicity',
  网格员: 'information',
  网格信息员: 'information',
  信息员: 'information',
  information: 'information',
  网格服务员: 'service',
  服务员: 'service',
  service: 'service',
};

/** Mainland mobile (11 digits from 1), or a landline with its area code and an optional extension. */
const PHONE = /^(?:(?:\+?86)?1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?)$/;

/** A phone number as stored: NFKC, without spaces or brackets (`(0598) 1234567` → `0598-1234567`). */
export function normalizePhone(value: string): string {
  return normalizeCode(value)
    .replace(/^\((0\d{2,3})\)-?/, '$1-')
    .replace(/[()]/g, '');
}

/**
 * Check a grid staff list against the grids that exist (active grid codes). Staff ids are the grid
 * code and post (`35040400200801-manager`), numbered from the second person on the same post
 * (`…-information-2`), so the same file always yields the same ids.
 */
export function checkStaff(sheet: Sheet, gridCodes: ReadonlySet<string>): Checked<{ staff: Staff[] }> {
  const { columns, problems } = resolveColumns(sheet.headers, STAFF_COLUMNS);
  if (problems.length) return { ok: false, problems };
  const out: Problem[] = [];
  const staff: Staff[] = [];
  const rowOfPerson = new Map<string, number>();
  const perPost = new Map<string, number>();
  for (const row of sheet.rows) {
    if (isBlankRow(row)) continue;
    const where = rowLabel(row);
    const before = out.length;
    const gridCode = normalizeCode(cellOf(row, columns, 'grid'));
    const postCell = cellOf(row, columns, 'post');
    const post = POST_NAMES[normalizeName(postCell)];
    const name = cellOf(row, columns, 'name');
    const phone = normalizePhone(cellOf(row, columns, 'phone'));
    if (!GRID_CODE.test(gridCode))
      out.push(problem('grid_format', where, `网格编码“${gridCode}”应为14位数字`, 'grid code must be 14 digits', { field: columns.grid }));
    else if (!gridCodes.has(gridCode))
      out.push(
        problem('grid_unknown', where, `网格 ${gridCode} 不存在，请先导入网格`, `no grid ${gridCode}: import the grid map first`, {
          field: columns.grid,
        }),
      );
    if (!post)
      out.push(
        problem(
          'post_invalid',
          where,
          `无法识别岗位“${postCell}”`,
          `unknown post; use 网格长/网格员 or 网格管理员/网格警员/宣传员/信息员/服务员`,
          { field: columns.post },
        ),
      );
    if (!name) out.push(problem('name_missing', where, '缺少姓名', 'missing name', { field: columns.name }));
    if (!PHONE.test(phone))
      out.push(
        problem('phone_invalid', where, `电话“${phone}”格式不正确`, 'phone must be an 11-digit mobile or a landline with area code', {
          field: columns.phone,
        }),
      );
    const person = `${gridCode}|${post}|${name}`;
    if (out.length === before && rowOfPerson.has(person))
      out.push(
        problem(
          'staff_duplicate',
          where,
          `与第${rowOfPerson.get(person)}行重复`,
          `same grid, post and name as row ${rowOfPerson.get(person)}`,
        ),
      );
    if (out.length > before || !post) continue;
    rowOfPerson.set(person, row.row);
    const slot = `${gridCode}-${post}`;
    const n = (perPost.get(slot) ?? 0) + 1;
    perPost.set(slot, n);
    staff.push({ id: n === 1 ? slot : `${slot}-${n}`, gridCode, post, name, phone });
  }
  if (!out.length && staff.length === 0) out.push(problem('rows_empty', 'file', '文件中没有人员', 'the file lists no staff'));
  return out.length ? { ok: false, problems: out } : { ok: true, staff };
}

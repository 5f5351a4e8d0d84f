import { DisplayNameSchema, UsernameSchema, type CreateUser } from '../admin/users.ts';
import { scopeProblem, type ScopeReference } from '../domain/roleScope.ts';
import { ROLES, type Role } from '../domain/roles.ts';
import { cellOf, isBlankRow, normalizeCode, normalizeName, resolveColumns, rowLabel, type ColumnSpec, type Sheet } from './columns.ts';
import { problem, type Checked, type Problem } from './problem.ts';

/** Accepted headers of an account list as a district office keeps it. */
export const ACCOUNT_COLUMNS = [
  { key: 'username', headers: ['用户名', '账号', '登录名', 'username'], required: true },
  { key: 'name', headers: ['姓名', '名字', '显示名', 'display_name', 'name'], required: true },
  { key: 'role', headers: ['角色', 'role'], required: true },
  { key: 'grids', headers: ['网格编码', '网格代码', '负责网格', 'grid_codes', 'grids'], required: false },
  { key: 'street', headers: ['街道编码', '街道代码', 'street_code', 'street'], required: false },
  { key: 'department', headers: ['部门编码', '部门代码', 'department_code', 'department'], required: false },
] as const satisfies readonly ColumnSpec[];

/**
 * Role names → roles. The wall display is not listed: displays are enrolled on /admin, never
 * given a password from a file.
 */
export const ROLE_NAMES: Readonly<Record<string, Role>> = {
  巡查员: 'patrol',
  网格员: 'grid_staff',
  调度员: 'dispatcher',
  部门处置员: 'dept_handler',
  处置员: 'dept_handler',
  督查: 'supervisor',
  街长: 'street_chief',
  管理员: 'admin',
  ...Object.fromEntries(ROLES.filter((r) => r !== 'wall').map((r) => [r, r])),
};

/** A list of codes in one cell: separated by 、 , ; or white space (full-width forms too). */
export function splitCodes(cell: string): string[] {
  return cell
    .normalize('NFKC')
    .split(/[、,;\s]+/)
    .filter((c) => c !== '');
}

const FIELD_COLUMN = { gridCodes: 'grids', streetCode: 'street', departmentCode: 'department' } as const;

/**
 * Check an account list against the district's reference data and the usernames already taken.
 * Every row is checked (role known, scope fitting the role by the same rule as the account form,
 * codes known, username well-formed and not taken in the file or the database), and every problem
 * reported with its row, so the file is fixed in one round.
 */
export function checkAccounts(
  sheet: Sheet,
  ref: ScopeReference,
  taken: (username: string) => boolean,
): Checked<{ accounts: CreateUser[] }> {
  const { columns, problems } = resolveColumns(sheet.headers, ACCOUNT_COLUMNS);
  if (problems.length) return { ok: false, problems };
  const out: Problem[] = [];
  const accounts: CreateUser[] = [];
  const rowOfName = new Map<string, number>();
  for (const row of sheet.rows) {
    if (isBlankRow(row)) continue;
    const where = rowLabel(row);
    const before = out.length;
    const usernameCell = cellOf(row, columns, 'username');
    const username = UsernameSchema.safeParse(usernameCell.normalize('NFKC').toLowerCase());
    if (!username.success)
      out.push(
        problem('username_invalid', where, `用户名“${usernameCell}”不合规`, '3 to 32 lowercase letters, digits, ".", "_" or "-"', {
          field: columns.username,
        }),
      );
    else if (rowOfName.has(username.data))
      out.push(
        problem(
          'username_duplicate',
          where,
          `用户名与第${rowOfName.get(username.data)}行重复`,
          `same username as row ${rowOfName.get(username.data)}`,
          {
            field: columns.username,
          },
        ),
      );
    else if (taken(username.data))
      out.push(
        problem('username_taken', where, `用户名 ${username.data} 已存在`, `an account ${username.data} exists already`, {
          field: columns.username,
        }),
      );
    if (username.success && !rowOfName.has(username.data)) rowOfName.set(username.data, row.row);
    const name = DisplayNameSchema.safeParse(cellOf(row, columns, 'name'));
    if (!name.success)
      out.push(problem('name_missing', where, '缺少姓名', 'missing name (at most 64 characters)', { field: columns.name }));
    const roleCell = cellOf(row, columns, 'role');
    const role = ROLE_NAMES[normalizeName(roleCell)];
    if (!role)
      out.push(
        problem('role_unknown', where, `无法识别角色“${roleCell}”`, 'use 巡查员/网格员/调度员/部门处置员/督查/街长/管理员', {
          field: columns.role,
        }),
      );
    const scope = {
      gridCodes: splitCodes(cellOf(row, columns, 'grids')),
      streetCode: normalizeCode(cellOf(row, columns, 'street')) || null,
      departmentCode: normalizeCode(cellOf(row, columns, 'department')) || null,
    };
    const bad = role ? scopeProblem(role, scope, ref) : null;
    if (bad)
      out.push(
        problem(`scope_${bad.field}`, where, '角色与网格/街道/部门不符', bad.reason, {
          field: columns[FIELD_COLUMN[bad.field]] ?? bad.field,
        }),
      );
    if (out.length > before || !username.success || !name.success || !role) continue;
    accounts.push({ username: username.data, displayName: name.data, role, ...scope });
  }
  if (!out.length && accounts.length === 0) out.push(problem('rows_empty', 'file', '文件中没有账号', 'the file lists no accounts'));
  return out.length ? { ok: false, problems: out } : { ok: true, accounts };
}

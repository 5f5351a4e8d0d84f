import type { CaseClass } from '../domain/catalogue.ts';
import type { Department, Grid, Staff } from '../domain/district.ts';
import type { User } from '../domain/roles.ts';

/** What is still missing before the district can run every case to its end. */
export interface CoverageReport {
  /** Active grids where nobody can do the on-site closing check (核查). */
  gridsWithoutChecker: { code: string; name: string }[];
  /** Classes whose responsible department does not exist: their cases cannot be dispatched. */
  classesWithoutDepartment: { code: string; name: string; departmentCode: string }[];
  /** Departments with no handler account: what is dispatched to them is never accepted. */
  departmentsWithoutHandler: { code: string; name: string }[];
  counts: { grids: number; staff: number; departments: number; classes: number; accounts: number };
}

/** Roles that check a handled case on site (核查) in the grids of their scope. */
const CHECKER_ROLES: readonly User['role'][] = ['patrol', 'grid_staff'];

/**
 * Grids without anyone to check a handled case on site: no active patrol or grid staff account has
 * the grid in its scope. Only an account can sign in and do the check; a name on the staff list
 * (一格五员) cannot, so the staff list does not count here.
 */
export function gridsWithoutChecker(grids: readonly Grid[], accounts: readonly User[]): CoverageReport['gridsWithoutChecker'] {
  const checked = new Set(accounts.filter((u) => CHECKER_ROLES.includes(u.role)).flatMap((u) => u.gridCodes));
  return grids.filter((g) => !checked.has(g.code)).map((g) => ({ code: g.code, name: g.name }));
}

/** Classes naming a department that is not in `departments`. */
export function classesWithoutDepartment(
  classes: readonly CaseClass[],
  departments: readonly Department[],
): CoverageReport['classesWithoutDepartment'] {
  const known = new Set(departments.map((d) => d.code));
  return classes.filter((c) => !known.has(c.departmentCode)).map((c) => ({ code: c.code, name: c.name, departmentCode: c.departmentCode }));
}

/** Departments that no `dept_handler` account in `accounts` works for. */
export function departmentsWithoutHandler(
  departments: readonly Department[],
  accounts: readonly User[],
): CoverageReport['departmentsWithoutHandler'] {
  const staffed = new Set(accounts.filter((u) => u.role === 'dept_handler' && u.departmentCode).map((u) => u.departmentCode));
  return departments.filter((d) => !staffed.has(d.code)).map((d) => ({ code: d.code, name: d.name }));
}

/** The whole report over the district's active grids, its staff, departments, classes and active accounts. */
export function coverageReport(input: {
  grids: readonly Grid[];
  staff: readonly Staff[];
  departments: readonly Department[];
  classes: readonly CaseClass[];
  accounts: readonly User[];
}): CoverageReport {
  return {
    gridsWithoutChecker: gridsWithoutChecker(input.grids, input.accounts),
    classesWithoutDepartment: classesWithoutDepartment(input.classes, input.departments),
    departmentsWithoutHandler: departmentsWithoutHandler(input.departments, input.accounts),
    counts: {
      grids: input.grids.length,
      staff: input.staff.length,
      departments: input.departments.length,
      classes: input.classes.length,
      accounts: input.accounts.length,
    },
  };
}

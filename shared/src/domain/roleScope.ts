import type { Role, User } from './roles.ts';

/**
 * Which kind of scope each role has: the one rule an administrator's account form and the server's
 * check both read. It is the other side of `scopeOf` (policy.ts), which turns a user's scope into
 * rooms and SQL filters: a district-wide role here is exactly one that `scopeOf` answers null for,
 * a street chief sees their street, a department handler their department's cases, patrol and grid
 * staff their grids. Every role uses at most one scope field; the others stay empty.
 */
export type ScopeKind = 'district' | 'street' | 'department' | 'grids';

export const ROLE_SCOPE: Readonly<Record<Role, ScopeKind>> = {
  patrol: 'grids',
  grid_staff: 'grids',
  dispatcher: 'district',
  dept_handler: 'department',
  supervisor: 'district',
  street_chief: 'street',
  wall: 'district',
  admin: 'district',
};

/** Most grids one account may look after (a patrol officer covers a few, a community's manager a dozen). */
export const MAX_GRIDS_PER_USER = 200;

/** The scope fields of an account (as in `User`). */
export interface ScopeFields {
  departmentCode: User['departmentCode'];
  streetCode: User['streetCode'];
  gridCodes: readonly string[];
}

/** The codes the district's reference data knows (grids on the map, streets, departments). */
export interface ScopeReference {
  hasGrid: (code: string) => boolean;
  hasStreet: (code: string) => boolean;
  hasDepartment: (code: string) => boolean;
}

/** What is wrong with a role and scope, naming the field, or null when they fit together. */
export interface ScopeProblem {
  field: 'departmentCode' | 'streetCode' | 'gridCodes';
  reason: string;
}

/**
 * Does this scope fit this role and name only codes the district knows? The field the role uses
 * must be filled (at least one grid, a street, a department) and every other one empty.
 */
export function scopeProblem(role: Role, s: ScopeFields, ref: ScopeReference): ScopeProblem | null {
  const kind = ROLE_SCOPE[role];
  if (kind !== 'department' && s.departmentCode !== null)
    return { field: 'departmentCode', reason: `role ${role} has no department: leave departmentCode empty` };
  if (kind !== 'street' && s.streetCode !== null)
    return { field: 'streetCode', reason: `role ${role} has no street: leave streetCode empty` };
  if (kind !== 'grids' && s.gridCodes.length > 0) return { field: 'gridCodes', reason: `role ${role} has no grids: leave gridCodes empty` };
  switch (kind) {
    case 'district':
      return null;
    case 'department':
      if (s.departmentCode === null) return { field: 'departmentCode', reason: `role ${role} needs a department` };
      return ref.hasDepartment(s.departmentCode) ? null : { field: 'departmentCode', reason: `no department ${s.departmentCode}` };
    case 'street':
      if (s.streetCode === null) return { field: 'streetCode', reason: `role ${role} needs a street` };
      return ref.hasStreet(s.streetCode) ? null : { field: 'streetCode', reason: `no street ${s.streetCode}` };
    case 'grids': {
      if (s.gridCodes.length === 0) return { field: 'gridCodes', reason: `role ${role} needs at least one grid` };
      if (s.gridCodes.length > MAX_GRIDS_PER_USER) return { field: 'gridCodes', reason: `at most ${MAX_GRIDS_PER_USER} grids` };
      if (new Set(s.gridCodes).size !== s.gridCodes.length) return { field: 'gridCodes', reason: 'a grid is listed twice' };
      const unknown = s.gridCodes.filter((g) => !ref.hasGrid(g));
      return unknown.length ? { field: 'gridCodes', reason: `no grid ${unknown.slice(0, 5).join(', ')} on the map` } : null;
    }
  }
}

import { describe, expect, it } from 'vitest';
import { scopeOf } from './policy.ts';
import { ROLE_SCOPE, scopeProblem, type ScopeReference } from './roleScope.ts';
import { ROLES, type User } from './roles.ts';

const ref: ScopeReference = {
  hasGrid: (c) => c === 'G1' || c === 'G2',
  hasStreet: (c) => c === 'S1',
  hasDepartment: (c) => c === 'D1',
};
const FILLED = {
  district: { departmentCode: null, streetCode: null, gridCodes: [] },
  street: { departmentCode: null, streetCode: 'S1', gridCodes: [] },
  department: { departmentCode: 'D1', streetCode: null, gridCodes: [] },
  grids: { departmentCode: null, streetCode: null, gridCodes: ['G1', 'G2'] },
} as const;

describe('role → scope rule', () => {
  it('agrees with scopeOf: district-wide roles see everything, the others exactly their one field', () => {
    for (const role of ROLES) {
      const fields = FILLED[ROLE_SCOPE[role]];
      expect(scopeProblem(role, { ...fields, gridCodes: [...fields.gridCodes] }, ref)).toBeNull();
      const u: User = { id: 'u', username: 'u', displayName: 'u', role, ...fields, gridCodes: [...fields.gridCodes] };
      const s = scopeOf(u);
      if (ROLE_SCOPE[role] === 'district') expect(s).toBeNull();
      else
        expect([...s!.streets, ...s!.depts, ...s!.grids].sort()).toEqual(
          [fields.streetCode, fields.departmentCode, ...fields.gridCodes].filter(Boolean).sort(),
        );
    }
  });
  it('names the field that is missing, unknown or not for the role', () => {
    expect(scopeProblem('patrol', FILLED.district, ref)?.field).toBe('gridCodes');
    expect(scopeProblem('patrol', { ...FILLED.district, gridCodes: ['G9'] }, ref)).toEqual({
      field: 'gridCodes',
      reason: 'no grid G9 on the map',
    });
    expect(scopeProblem('patrol', { ...FILLED.district, gridCodes: ['G1', 'G1'] }, ref)?.field).toBe('gridCodes');
    expect(scopeProblem('street_chief', { ...FILLED.district, streetCode: 'S9' }, ref)?.field).toBe('streetCode');
    expect(scopeProblem('dept_handler', FILLED.district, ref)?.field).toBe('departmentCode');
    expect(scopeProblem('dispatcher', FILLED.street, ref)?.field).toBe('streetCode');
    expect(scopeProblem('street_chief', { ...FILLED.street, gridCodes: ['G1'] }, ref)?.field).toBe('gridCodes');
  });
});

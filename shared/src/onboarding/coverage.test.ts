import { describe, expect, it } from 'vitest';
import type { CaseClass } from '../domain/catalogue.ts';
import type { Grid, Staff } from '../domain/district.ts';
import type { User } from '../domain/roles.ts';
import { coverageReport } from './coverage.ts';

const grid = (code: string): Grid => ({
  code,
  name: `网格${code.slice(-2)}`,
  communityCode: code.slice(0, 12),
  streetCode: code.slice(0, 9),
  chief: '',
  polygon: [],
});
const staff = (gridCode: string, post: Staff['post']): Staff => ({
  id: `${gridCode}-${post}`,
  gridCode,
  post,
  name: '某',
  phone: '13800000000',
});
const cls = (code: string, departmentCode: string): CaseClass => ({
  code,
  kind: 'event',
  major: '市容环境',
  name: code,
  departmentCode,
  timeLimit: { value: 4, unit: 'hours' },
  urgent: false,
});
const user = (role: User['role'], departmentCode: string | null = null, gridCodes: string[] = []): User => ({
  id: `${role}-${departmentCode}-${gridCodes.join('+')}`,
  username: `${role}-${departmentCode}`,
  displayName: '',
  role,
  departmentCode,
  streetCode: null,
  gridCodes,
});

describe('coverageReport', () => {
  it('lists grids no patrol or grid staff account covers, classes without a department and departments without a handler', () => {
    const r = coverageReport({
      grids: [grid('35040400200801'), grid('35040400200802'), grid('35040400200803'), grid('35040400200804')],
      staff: [staff('35040400200801', 'manager'), staff('35040400200802', 'information')],
      departments: [
        { code: 'cgj', name: '城市管理局' },
        { code: 'hwc', name: '环境卫生管理处' },
      ],
      classes: [cls('E0101', 'hwc'), cls('E0401', 'szj')],
      // A dispatcher does not handle a department's cases, and a handler without a department covers none.
      // Grid 01 has a manager on the staff list but no account: nobody can sign in to check there.
      accounts: [
        user('dept_handler', 'hwc'),
        user('dispatcher', 'cgj'),
        user('dept_handler'),
        user('patrol', null, ['35040400200802']),
        user('grid_staff', null, ['35040400200804', '35040400200802']),
      ],
    });
    expect(r).toEqual({
      gridsWithoutChecker: [
        { code: '35040400200801', name: '网格01' },
        { code: '35040400200803', name: '网格03' },
      ],
      classesWithoutDepartment: [{ code: 'E0401', name: 'E0401', departmentCode: 'szj' }],
      departmentsWithoutHandler: [{ code: 'cgj', name: '城市管理局' }],
      counts: { grids: 4, staff: 2, departments: 2, classes: 2, accounts: 5 },
    });
  });
});

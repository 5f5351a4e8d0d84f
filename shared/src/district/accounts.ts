import type { User } from '../domain/roles.ts';
import { SAMPLE_DEPARTMENTS } from './departments.ts';
import { SAMPLE_STREETS } from './layout.ts';

/**
 * Password of every demo account. DEMO ONLY: it is published in this source file, so the server
 * must never create these accounts outside demo mode (or must force a password change).
 */
export const DEMO_PASSWORD = 'demo1234';

/** A demo account to seed: a `User` without its id (the store assigns it), plus a plain password. */
export interface DemoAccountSpec extends Omit<User, 'id'> {
  /** Plain text on purpose: the seeding code hashes it. Always {@link DEMO_PASSWORD} here. */
  password: string;
}

function account(
  username: string,
  displayName: string,
  role: User['role'],
  scope: { departmentCode?: string; streetCode?: string; gridCodes?: string[] } = {},
): DemoAccountSpec {
  return {
    username,
    displayName,
    role,
    departmentCode: scope.departmentCode ?? null,
    streetCode: scope.streetCode ?? null,
    gridCodes: scope.gridCodes ?? [],
    password: DEMO_PASSWORD,
  };
}

/** `count` consecutive grid codes of a community, from grid 01; neighbours in the sample layout. */
function gridRun(communityCode: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => communityCode + String(i + 1).padStart(2, '0'));
}

/**
 * Demo accounts for the sample district, at least one per role: the district-wide desks, one
 * street chief per street (`liedong_chief` …), one handler per department (`dept_cgj` …), three
 * patrol officers with a few neighbouring grids each, and grid staff with one or two grids. The
 * grid codes refer to `generateSampleDistrict()`; every community there has at least 7 grids.
 * Patrol and grid-staff areas overlap on purpose, so a demo report can be checked by someone else.
 */
export const SAMPLE_ACCOUNTS: readonly DemoAccountSpec[] = [
  account('admin', '系统管理员', 'admin'),
  account('dispatcher', '指挥中心调度员', 'dispatcher'),
  account('supervisor', '督查室督查员', 'supervisor'),
  account('wall', '指挥中心大屏', 'wall'),
  ...SAMPLE_STREETS.map((s) => account(`${s.key}_chief`, `${s.name}街长`, 'street_chief', { streetCode: s.code })),
  ...SAMPLE_DEPARTMENTS.map((d) => account(`dept_${d.code}`, `${d.name}处置员`, 'dept_handler', { departmentCode: d.code })),
  account('patrol_liexi', '巡查员（列西·小蕉）', 'patrol', {
    gridCodes: gridRun('350404002008', 4),
  }),
  account('patrol_liedong', '巡查员（列东·东安）', 'patrol', {
    gridCodes: gridRun('350404001001', 4),
  }),
  account('patrol_xubi', '巡查员（徐碧·徐碧）', 'patrol', {
    gridCodes: gridRun('350404003001', 3),
  }),
  account('grid_xiaojiao', '网格员（小蕉社区第01网格）', 'grid_staff', {
    gridCodes: gridRun('350404002008', 1),
  }),
  account('grid_dongan', '网格员（东安社区第01–02网格）', 'grid_staff', {
    gridCodes: gridRun('350404001001', 2),
  }),
  account('grid_xubi', '网格员（徐碧社区第02网格）', 'grid_staff', {
    gridCodes: ['35040400300102'],
  }),
];

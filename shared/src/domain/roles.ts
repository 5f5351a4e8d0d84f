import { z } from 'zod';

/**
 * Roles of the street-chief system. Scope (which cases a user sees and acts on) is derived from
 * the role plus the user's department, street or grids; see `scope.ts`.
 */
export const ROLES = [
  'patrol', // 巡查员: patrols, reports, checks on site in assigned grids
  'grid_staff', // 网格员 (一格五员): reports and checks in their own grids
  'dispatcher', // 指挥中心受理/派遣
  'dept_handler', // 职能部门处置人员
  'supervisor', // 督查 / 联席例会
  'street_chief', // 街长: sees their street, escalates
  'wall', // 大屏: read-only display account, sees everything, acts on nothing
  'admin',
] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** Roles that see every case in the district. */
export const DISTRICT_WIDE_ROLES: readonly Role[] = ['dispatcher', 'supervisor', 'wall', 'admin'];

export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  /** dept_handler: the department they work for. */
  departmentCode: z.string().nullable(),
  /** street_chief: their street. */
  streetCode: z.string().nullable(),
  /** patrol / grid_staff: the grids they look after. */
  gridCodes: z.array(z.string()),
});
export type User = z.infer<typeof UserSchema>;

export const LoginSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type Login = z.infer<typeof LoginSchema>;

import { CHECKER_ROLES, type Role, type User } from '@streetchief/shared';
import { badRequest } from '../http/errors.ts';
import type { Executor } from '../store/store.ts';
import { listUsers } from '../store/userRepo.ts';

/** Someone the desk may name for an on-site check (指派核查), as the picker lists them. */
export interface CheckerCandidate {
  id: string;
  displayName: string;
  role: Role;
  gridCodes: string[];
  /** Covers the grid asked about: listed first. */
  ownGrid: boolean;
}

/**
 * Active patrol and grid staff accounts, those covering `gridCode` first, then by name. `listUsers`
 * leaves out accounts that may not sign in, so a disabled account is never offered.
 */
export async function checkerCandidates(ex: Executor, gridCode?: string): Promise<CheckerCandidate[]> {
  const users = (await listUsers(ex)).filter((u) => CHECKER_ROLES.includes(u.role));
  return users
    .map((u) => ({
      id: u.id,
      displayName: u.displayName,
      role: u.role,
      gridCodes: u.gridCodes,
      ownGrid: !!gridCode && u.gridCodes.includes(gridCode),
    }))
    .sort((a, b) => Number(b.ownGrid) - Number(a.ownGrid) || a.displayName.localeCompare(b.displayName, 'zh-CN'));
}

/** The named checker, or a 400 naming `checkerId` unless it is an active patrol or grid staff account. */
export async function requireChecker(ex: Executor, checkerId: string): Promise<User> {
  const u = (await listUsers(ex)).find((x) => x.id === checkerId);
  if (!u) throw badRequest('checkerId', `no active account ${checkerId}`);
  if (!CHECKER_ROLES.includes(u.role))
    throw badRequest('checkerId', `${u.displayName} is a ${u.role}: only patrol or grid staff check on site`);
  return u;
}

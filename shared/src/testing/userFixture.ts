import type { Role, User } from '../domain/roles.ts';

/**
 * A user for tests: id `u-<role>`, no department, street or grids unless `over` gives them. The one
 * place test fixtures list every User field: a field added to User is added here.
 */
export function userFixture(role: Role, over: Partial<User> = {}): User {
  return {
    id: `u-${role}`,
    username: role,
    displayName: role,
    role,
    departmentCode: null,
    streetCode: null,
    gridCodes: [],
    ...over,
  };
}

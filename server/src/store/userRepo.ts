import type { User } from '@streetchief/shared';
import type { Executor } from './store.ts';
import type { DB } from './schema.ts';
import type { Selectable } from 'kysely';

function toUser(r: Selectable<DB['users']>): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role as User['role'],
    departmentCode: r.department_code,
    streetCode: r.street_code,
    gridCodes: JSON.parse(r.grid_codes) as string[],
  };
}

export async function insertUser(ex: Executor, u: User, passwordHash: string): Promise<void> {
  await ex
    .insertInto('users')
    .values({
      id: u.id,
      username: u.username,
      display_name: u.displayName,
      role: u.role,
      password_hash: passwordHash,
      department_code: u.departmentCode,
      street_code: u.streetCode,
      grid_codes: JSON.stringify(u.gridCodes),
    })
    .execute();
}

/** The user and their password hash, for sign-in. */
export async function findUserByName(ex: Executor, username: string): Promise<{ user: User; passwordHash: string } | null> {
  const r = await ex.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return r ? { user: toUser(r), passwordHash: r.password_hash } : null;
}

export async function listUsers(ex: Executor): Promise<User[]> {
  const rows = await ex.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map(toUser);
}

export async function insertSession(ex: Executor, id: string, userId: string, now: Date, expires: Date): Promise<void> {
  await ex
    .insertInto('sessions')
    .values({ id, user_id: userId, created_at: now.toISOString(), expires_at: expires.toISOString() })
    .execute();
}

/** The user behind a live session id, or null if unknown or expired. */
export async function userOfSession(ex: Executor, id: string, now: Date): Promise<User | null> {
  const r = await ex
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return r ? toUser(r) : null;
}

export async function deleteSession(ex: Executor, id: string): Promise<void> {
  await ex.deleteFrom('sessions').where('id', '=', id).execute();
}

/**
 * Delete sessions that expired before `now`; how many. Expired sessions already sign nobody in
 * (userOfSession checks the time): this only keeps the table from growing with every sign-in.
 */
export async function deleteExpiredSessions(ex: Executor, now: Date): Promise<number> {
  const res = await ex.deleteFrom('sessions').where('expires_at', '<', now.toISOString()).executeTakeFirst();
  return Number(res.numDeletedRows);
}

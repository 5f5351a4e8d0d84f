import type { Selectable } from 'kysely';
import type { User } from '@streetchief/shared';
import type { AdminUser, SessionKind } from '@streetchief/shared/admin/index';
import type { Executor } from './store.ts';
import type { DB } from './schema.ts';
import { sessionsChanged } from './sessionChanges.ts';

type UserRow = Selectable<DB['users']>;

function toUser(r: Pick<UserRow, 'id' | 'username' | 'display_name' | 'role' | 'department_code' | 'street_code' | 'grid_codes'>): User {
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

function toAdminUser(r: UserRow): AdminUser {
  return {
    ...toUser(r),
    version: Number(r.version),
    disabled: r.disabled_at !== null,
    disabledAt: r.disabled_at,
    mustChangePassword: Number(r.must_change_password) === 1,
    lastSignInAt: r.last_sign_in_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** How a new account's password was set. */
export interface NewAccountOptions {
  now?: Date;
  /** The next sign-in must choose a new password (a generated one was handed over). */
  mustChangePassword?: boolean;
  /** The password passed the policy (or was generated): the production start need not check it. */
  vetted?: boolean;
}

export async function insertUser(ex: Executor, u: User, passwordHash: string, opts: NewAccountOptions = {}): Promise<void> {
  const at = (opts.now ?? new Date()).toISOString();
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
      disabled_at: null,
      must_change_password: opts.mustChangePassword ? 1 : 0,
      created_at: at,
      updated_at: at,
      last_sign_in_at: null,
      version: 1,
      password_vetted: opts.vetted ? 1 : 0,
    })
    .execute();
}

/** An account with what sign-in and the administrator need beyond the `User`. */
export interface Account {
  user: User;
  admin: AdminUser;
  passwordHash: string;
}

const toAccount = (r: UserRow): Account => ({ user: toUser(r), admin: toAdminUser(r), passwordHash: r.password_hash });

/** The account and its password hash, for sign-in. */
export async function findUserByName(ex: Executor, username: string): Promise<Account | null> {
  const r = await ex.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return r ? toAccount(r) : null;
}

export async function findUserById(ex: Executor, id: string): Promise<Account | null> {
  const r = await ex.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toAccount(r) : null;
}

/**
 * Accounts that may sign in (disabled ones left out), by username: the staff who are expected to
 * patrol and file reports, and the handlers who can act.
 */
export async function listUsers(ex: Executor): Promise<User[]> {
  const rows = await ex.selectFrom('users').selectAll().where('disabled_at', 'is', null).orderBy('username').execute();
  return rows.map(toUser);
}

/** Every account, disabled ones too, as the administrator sees them. */
export async function listAdminUsers(ex: Executor): Promise<AdminUser[]> {
  const rows = await ex.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map(toAdminUser);
}

/** How many enabled accounts have the admin role. */
export async function countActiveAdmins(ex: Executor): Promise<number> {
  const r = await ex
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Fields of an account an administrator changes; every change bumps the version. */
export interface AccountChange {
  displayName?: string;
  role?: User['role'];
  departmentCode?: string | null;
  streetCode?: string | null;
  gridCodes?: string[];
  disabledAt?: string | null;
  passwordHash?: string;
  mustChangePassword?: boolean;
  vetted?: boolean;
}

/**
 * Apply a change if the account is still at `expectedVersion` (any version when null); the
 * account afterwards, or null when it is missing or was changed meanwhile.
 */
export async function updateAccount(
  ex: Executor,
  id: string,
  expectedVersion: number | null,
  c: AccountChange,
  now: Date,
): Promise<AdminUser | null> {
  let q = ex
    .updateTable('users')
    .set((eb) => ({
      version: eb('version', '+', 1),
      updated_at: now.toISOString(),
      ...(c.displayName !== undefined ? { display_name: c.displayName } : {}),
      ...(c.role !== undefined ? { role: c.role } : {}),
      ...(c.departmentCode !== undefined ? { department_code: c.departmentCode } : {}),
      ...(c.streetCode !== undefined ? { street_code: c.streetCode } : {}),
      ...(c.gridCodes !== undefined ? { grid_codes: JSON.stringify(c.gridCodes) } : {}),
      ...(c.disabledAt !== undefined ? { disabled_at: c.disabledAt } : {}),
      ...(c.passwordHash !== undefined ? { password_hash: c.passwordHash } : {}),
      ...(c.mustChangePassword !== undefined ? { must_change_password: c.mustChangePassword ? 1 : 0 } : {}),
      ...(c.vetted !== undefined ? { password_vetted: c.vetted ? 1 : 0 } : {}),
    }))
    .where('id', '=', id);
  if (expectedVersion !== null) q = q.where('version', '=', expectedVersion);
  const res = await q.executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return null;
  // Its sessions carry the account (role, scope, must-change flag): cached copies are stale now.
  await bumpSessionGeneration(ex);
  sessionsChanged(ex, { userId: id });
  return (await findUserById(ex, id))?.admin ?? null;
}

export async function recordSignIn(ex: Executor, id: string, now: Date): Promise<void> {
  await ex.updateTable('users').set({ last_sign_in_at: now.toISOString() }).where('id', '=', id).execute();
}

/** Enabled accounts whose password has not been shown to be unpublished: what the production start checks. */
export async function unvettedActiveAccounts(ex: Executor): Promise<{ id: string; username: string; passwordHash: string }[]> {
  const rows = await ex
    .selectFrom('users')
    .select(['id', 'username', 'password_hash'])
    .where('disabled_at', 'is', null)
    .where('password_vetted', '=', 0)
    .orderBy('username')
    .execute();
  return rows.map((r) => ({ id: r.id, username: r.username, passwordHash: r.password_hash }));
}

/** Mark accounts whose current hash was checked and matches no published password. */
export async function markVetted(ex: Executor, checked: { id: string; passwordHash: string }[]): Promise<void> {
  // Keyed on the hash that was checked: a password changed meanwhile stays unvetted.
  for (const c of checked) {
    await ex.updateTable('users').set({ password_vetted: 1 }).where('id', '=', c.id).where('password_hash', '=', c.passwordHash).execute();
  }
}

// ---- sessions ----

/** A person's session, `now` to `expires`. */
export async function insertSession(ex: Executor, id: string, userId: string, now: Date, expires: Date): Promise<void> {
  await ex
    .insertInto('sessions')
    .values({
      id,
      kind: 'user',
      user_id: userId,
      display_id: null,
      created_at: now.toISOString(),
      expires_at: expires.toISOString(),
      last_seen_at: now.toISOString(),
    })
    .execute();
}

/** A wall display's session. */
export async function insertDisplaySession(ex: Executor, id: string, displayId: string, now: Date, expires: Date): Promise<void> {
  await ex
    .insertInto('sessions')
    .values({
      id,
      kind: 'display',
      user_id: null,
      display_id: displayId,
      created_at: now.toISOString(),
      expires_at: expires.toISOString(),
      last_seen_at: now.toISOString(),
    })
    .execute();
}

/** The id a display's sessions act under: not an account, and no username can take this form. */
export const displayUserId = (displayId: string) => `display:${displayId}`;

/** Who a display's session acts as: the read-only wall role over the whole district, named after the display. */
export function displayUser(displayId: string, name: string): User {
  const id = displayUserId(displayId);
  return { id, username: id, displayName: name, role: 'wall', departmentCode: null, streetCode: null, gridCodes: [] };
}

/** A live session and who it belongs to. */
export interface SessionRecord {
  id: string;
  kind: SessionKind;
  user: User;
  mustChangePassword: boolean;
  /** The display's id for a display session, else null. */
  displayId: string | null;
  expiresAt: string;
  lastSeenAt: string;
}

/**
 * The live session with this id, or null when it is unknown, expired, its account disabled or
 * its display revoked. A display session acts as a read-only wall account named after the display.
 */
export async function sessionById(ex: Executor, id: string, now: Date): Promise<SessionRecord | null> {
  const r = await ex
    .selectFrom('sessions as s')
    .leftJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('display_devices as d', 'd.id', 's.display_id')
    .select([
      's.id as id',
      's.kind as kind',
      's.expires_at as expires_at',
      's.last_seen_at as last_seen_at',
      'u.id as user_id',
      'u.username as username',
      'u.display_name as display_name',
      'u.role as role',
      'u.department_code as department_code',
      'u.street_code as street_code',
      'u.grid_codes as grid_codes',
      'u.disabled_at as disabled_at',
      'u.must_change_password as must_change_password',
      'd.id as display_id',
      'd.name as display_name_of_device',
      'd.revoked_at as revoked_at',
    ])
    .where('s.id', '=', id)
    .where('s.expires_at', '>', now.toISOString())
    .executeTakeFirst();
  if (!r) return null;
  const base = { id: r.id, expiresAt: r.expires_at, lastSeenAt: r.last_seen_at };
  if (r.kind === 'display') {
    if (!r.display_id || r.revoked_at !== null) return null;
    return {
      ...base,
      kind: 'display',
      user: displayUser(r.display_id, r.display_name_of_device ?? ''),
      mustChangePassword: false,
      displayId: r.display_id,
    };
  }
  if (!r.user_id || r.disabled_at !== null) return null;
  const user = toUser({
    id: r.user_id,
    username: r.username!,
    display_name: r.display_name!,
    role: r.role!,
    department_code: r.department_code,
    street_code: r.street_code,
    grid_codes: r.grid_codes!,
  });
  return { ...base, kind: 'user', user, mustChangePassword: Number(r.must_change_password) === 1, displayId: null };
}

/** The user behind a live session id, or null if unknown or expired. */
export async function userOfSession(ex: Executor, id: string, now: Date): Promise<User | null> {
  return (await sessionById(ex, id, now))?.user ?? null;
}

/**
 * Record a use of the session (and move its expiry), unless another request already did since
 * `seenBefore` was read: concurrent requests write once. True when this call wrote.
 */
export async function touchSession(ex: Executor, s: SessionRecord, now: Date, expires: string): Promise<boolean> {
  const res = await ex
    .updateTable('sessions')
    .set({ last_seen_at: now.toISOString(), expires_at: expires })
    .where('id', '=', s.id)
    .where('last_seen_at', '=', s.lastSeenAt)
    .executeTakeFirst();
  const wrote = Number(res.numUpdatedRows) === 1;
  if (wrote && s.displayId) {
    await ex.updateTable('display_devices').set({ last_seen_at: now.toISOString() }).where('id', '=', s.displayId).execute();
  }
  return wrote;
}

const SESSION_GENERATION = 'session_generation';

/**
 * Move the session generation on: every change that ends a session or alters its account does, in
 * its own transaction, so a node's session cache (auth/sessions.ts), which reads this one number
 * per request, drops what it holds as soon as the change commits, whichever process made it (a
 * CLI reset-password, another node).
 */
async function bumpSessionGeneration(ex: Executor): Promise<void> {
  await ex
    .insertInto('counters')
    .values({ name: SESSION_GENERATION, value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
    .execute();
}

/** The session generation now (0 before the first change). */
export async function sessionGeneration(ex: Executor): Promise<number> {
  const row = await ex.selectFrom('counters').select('value').where('name', '=', SESSION_GENERATION).executeTakeFirst();
  return Number(row?.value ?? 0);
}

export async function deleteSession(ex: Executor, id: string): Promise<void> {
  await ex.deleteFrom('sessions').where('id', '=', id).execute();
  await bumpSessionGeneration(ex);
  sessionsChanged(ex, { sessionIds: [id] });
}

/** End every session of an account (except `keep`, the one making the change); the ids ended. */
export async function deleteSessionsOfUser(ex: Executor, userId: string, keep?: string): Promise<string[]> {
  let q = ex.deleteFrom('sessions').where('user_id', '=', userId);
  if (keep !== undefined) q = q.where('id', '!=', keep);
  const rows = await q.returning('id').execute();
  await bumpSessionGeneration(ex);
  sessionsChanged(ex, { sessionIds: rows.map((r) => r.id) });
  return rows.map((r) => r.id);
}

/** End every session of a display; the ids ended. */
export async function deleteSessionsOfDisplay(ex: Executor, displayId: string): Promise<string[]> {
  const rows = await ex.deleteFrom('sessions').where('display_id', '=', displayId).returning('id').execute();
  // By display too: a revoked display's sessions die with it even when no row was left to delete.
  await bumpSessionGeneration(ex);
  sessionsChanged(ex, { displayId });
  return rows.map((r) => r.id);
}

/**
 * Delete sessions that expired before `now`; how many. Expired sessions already sign nobody in
 * (sessionById checks the time): this only keeps the table from growing with every sign-in.
 */
export async function deleteExpiredSessions(ex: Executor, now: Date): Promise<number> {
  const res = await ex.deleteFrom('sessions').where('expires_at', '<', now.toISOString()).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Ids of an account's live sessions (to close their sockets after a change of role or scope). */
export async function sessionIdsOfUser(ex: Executor, userId: string): Promise<string[]> {
  const rows = await ex.selectFrom('sessions').select('id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.id);
}

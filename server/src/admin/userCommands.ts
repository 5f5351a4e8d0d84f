import { randomUUID } from 'node:crypto';
import type { User } from '@streetchief/shared';
import { passwordProblem, scopeProblem, type AdminUser, type CreateUser, type UpdateUser } from '@streetchief/shared/admin/index';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import { badRequest, conflict, forbidden, HttpError, notFound } from '../http/errors.ts';
import { appendAudit, type AuditActor } from '../store/auditRepo.ts';
import type { Executor } from '../store/store.ts';
import {
  countActiveAdmins,
  deleteSessionsOfUser,
  findUserById,
  findUserByName,
  insertUser,
  sessionIdsOfUser,
  updateAccount,
  type SessionRecord,
} from '../store/userRepo.ts';
import type { AdminEnv } from './adminEnv.ts';
import { temporaryPassword } from './temporaryPassword.ts';

/** A unique-constraint violation on either driver (a username taken by a concurrent create). */
function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

const usernameTaken = (username: string) => conflict(`username ${username} is taken`, { field: 'username' });

/** A 400 naming `next` (or `password`) when the password breaks the policy. */
function checkPolicy(field: string, password: string, username: string, current?: string): void {
  const problem = passwordProblem(password, { username, ...(current !== undefined ? { current } : {}) });
  if (problem) throw new HttpError(400, { error: 'invalid', field, reason: problem.reason, rule: problem.rule });
}

async function accountOr404(ex: Executor, id: string) {
  const found = await findUserById(ex, id);
  if (!found) throw notFound(`no account ${id}`);
  return found;
}

/** Refuse a change that would leave no enabled administrator: nobody could manage accounts any more. */
async function keepAnAdmin(ex: Executor, before: AdminUser): Promise<void> {
  if (before.role === 'admin' && !before.disabled && (await countActiveAdmins(ex)) <= 1)
    throw conflict('this is the only enabled administrator: make another one first');
}

export interface CreatedAccount {
  user: AdminUser;
  /** The password to hand over, once: generated unless one was given. */
  password: string;
}

/**
 * Write a new account (its scope already checked against the role) with its audit entry, inside
 * the caller's transaction: the one way accounts are created, one at a time here or a whole file
 * at once by the account import.
 */
export async function insertCreatedUser(
  trx: Executor,
  actor: AuditActor,
  body: CreateUser,
  hash: string,
  o: { now: Date; mustChangePassword: boolean },
): Promise<AdminUser> {
  const scope = { departmentCode: body.departmentCode, streetCode: body.streetCode, gridCodes: body.gridCodes };
  const user: User = { id: `u-${randomUUID()}`, username: body.username, displayName: body.displayName, role: body.role, ...scope };
  if (await findUserByName(trx, body.username)) throw usernameTaken(body.username);
  await insertUser(trx, user, hash, { now: o.now, mustChangePassword: o.mustChangePassword, vetted: true });
  await appendAudit(trx, {
    at: o.now,
    actor,
    action: 'user.create',
    targetKind: 'user',
    targetId: user.id,
    details: {
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      ...scope,
      mustChangePassword: o.mustChangePassword,
    },
  });
  return (await findUserById(trx, user.id))!.admin;
}

/**
 * Create an account. Without `password` a temporary one is generated; with one (the command line
 * reading it from stdin) it must pass the policy. The account must change it at the next sign-in
 * unless `mustChangePassword` is false.
 */
export async function createUser(
  env: AdminEnv,
  actor: AuditActor,
  body: CreateUser,
  opts: { password?: string; mustChangePassword?: boolean } = {},
): Promise<CreatedAccount> {
  const scope = { departmentCode: body.departmentCode, streetCode: body.streetCode, gridCodes: body.gridCodes };
  const problem = scopeProblem(body.role, scope, env.scopeRef());
  if (problem) throw badRequest(problem.field, problem.reason);
  if (opts.password !== undefined) checkPolicy('password', opts.password, body.username);
  const password = opts.password ?? temporaryPassword(body.username);
  const mustChange = opts.mustChangePassword ?? true;
  const hash = await hashPassword(password);
  const now = env.now();
  try {
    const created = await env.store.transaction((trx) =>
      insertCreatedUser(trx, actor, body, hash, { now, mustChangePassword: mustChange }),
    );
    return { user: created, password };
  } catch (err) {
    if (isUniqueViolation(err)) throw usernameTaken(body.username);
    throw err;
  }
}

const FIELDS = ['displayName', 'role', 'departmentCode', 'streetCode', 'gridCodes'] as const;

/**
 * Change name, role or scope, if the account is still at the version the form was filled from.
 * A new role or scope also closes the account's sockets: they joined the rooms of the old scope,
 * and the client reconnects into the new one.
 */
export async function updateUser(env: AdminEnv, actor: AuditActor, id: string, body: UpdateUser): Promise<AdminUser> {
  const now = env.now();
  const { user, reconnect } = await env.store.transaction(async (trx) => {
    const { admin: before } = await accountOr404(trx, id);
    if (before.version !== body.expectedVersion)
      throw conflict(`the account changed since (version ${before.version}, not ${body.expectedVersion}): reload it`, {
        version: before.version,
      });
    const after = {
      displayName: body.displayName ?? before.displayName,
      role: body.role ?? before.role,
      departmentCode: body.departmentCode !== undefined ? body.departmentCode : before.departmentCode,
      streetCode: body.streetCode !== undefined ? body.streetCode : before.streetCode,
      gridCodes: body.gridCodes ?? before.gridCodes,
    };
    const problem = scopeProblem(after.role, after, env.scopeRef());
    if (problem) throw badRequest(problem.field, problem.reason);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const f of FIELDS) if (JSON.stringify(before[f]) !== JSON.stringify(after[f])) changes[f] = { from: before[f], to: after[f] };
    if (Object.keys(changes).length === 0) return { user: before, reconnect: [] as string[] };
    if (changes.role) await keepAnAdmin(trx, before);
    const updated = await updateAccount(trx, id, body.expectedVersion, after, now);
    if (!updated) throw conflict('the account changed since: reload it');
    await appendAudit(trx, {
      at: now,
      actor,
      action: 'user.update',
      targetKind: 'user',
      targetId: id,
      details: { username: before.username, changes },
    });
    const scoped = changes.role || changes.departmentCode || changes.streetCode || changes.gridCodes;
    return { user: updated, reconnect: scoped ? await sessionIdsOfUser(trx, id) : [] };
  });
  env.disconnect(reconnect);
  return user;
}

/**
 * Disable or enable an account. Disabling ends its sessions and closes their sockets at once. An
 * administrator cannot disable their own account, nor the last enabled administrator. Asking for
 * the state the account is already in changes nothing.
 */
export async function setUserDisabled(env: AdminEnv, actor: AuditActor, id: string, disabled: boolean): Promise<AdminUser> {
  const now = env.now();
  const { user, ended } = await env.store.transaction(async (trx) => {
    const { admin: before } = await accountOr404(trx, id);
    if (before.disabled === disabled) return { user: before, ended: [] as string[] };
    if (disabled && id === actor.id) throw conflict('you cannot disable your own account');
    if (disabled) await keepAnAdmin(trx, before);
    const updated = (await updateAccount(trx, id, null, { disabledAt: disabled ? now.toISOString() : null }, now))!;
    const ended = disabled ? await deleteSessionsOfUser(trx, id) : [];
    await appendAudit(trx, {
      at: now,
      actor,
      action: disabled ? 'user.disable' : 'user.enable',
      targetKind: 'user',
      targetId: id,
      details: { username: before.username, ...(disabled ? { sessionsEnded: ended.length } : {}) },
    });
    return { user: updated, ended };
  });
  env.disconnect(ended);
  return user;
}

/**
 * Give an account a new password (generated unless given), to be changed at the next sign-in
 * unless `mustChangePassword` is false. Every session of the account ends: whoever had it is out.
 */
export async function resetPassword(
  env: AdminEnv,
  actor: AuditActor,
  id: string,
  opts: { password?: string; mustChangePassword?: boolean } = {},
): Promise<CreatedAccount> {
  const { admin: current } = await accountOr404(env.store.db, id);
  if (opts.password !== undefined) checkPolicy('password', opts.password, current.username);
  const password = opts.password ?? temporaryPassword(current.username);
  const mustChange = opts.mustChangePassword ?? true;
  const hash = await hashPassword(password);
  const now = env.now();
  const { user, ended } = await env.store.transaction(async (trx) => {
    const { admin: before } = await accountOr404(trx, id);
    const updated = (await updateAccount(trx, id, null, { passwordHash: hash, mustChangePassword: mustChange, vetted: true }, now))!;
    const ended = await deleteSessionsOfUser(trx, id);
    await appendAudit(trx, {
      at: now,
      actor,
      action: 'user.password_reset',
      targetKind: 'user',
      targetId: id,
      details: { username: before.username, mustChangePassword: mustChange, sessionsEnded: ended.length },
    });
    return { user: updated, ended };
  });
  env.disconnect(ended);
  return { user, password };
}

/**
 * Change one's own password: the current one must be right and the new one pass the policy. The
 * must-change flag clears; the account's other sessions end (a stolen session does not survive
 * the owner's change), this one goes on.
 */
export async function changeOwnPassword(
  env: Pick<AdminEnv, 'store' | 'now' | 'disconnect'>,
  session: SessionRecord,
  current: string,
  next: string,
): Promise<AdminUser> {
  if (session.kind !== 'user') throw forbidden('a display has no password');
  const { passwordHash, user } = await accountOr404(env.store.db, session.user.id);
  if (!(await verifyPassword(current, passwordHash))) throw badRequest('current', 'the current password is wrong');
  checkPolicy('next', next, user.username, current);
  const hash = await hashPassword(next);
  const now = env.now();
  const { updated, ended } = await env.store.transaction(async (trx) => {
    const updated = await updateAccount(trx, user.id, null, { passwordHash: hash, mustChangePassword: false, vetted: true }, now);
    if (!updated) throw notFound(`no account ${user.id}`);
    const ended = await deleteSessionsOfUser(trx, user.id, session.id);
    await appendAudit(trx, {
      at: now,
      actor: { id: user.id, name: user.displayName },
      action: 'user.password_change',
      targetKind: 'user',
      targetId: user.id,
      details: { username: user.username, otherSessionsEnded: ended.length },
    });
    return { updated, ended };
  });
  env.disconnect(ended);
  return updated;
}

import { Router } from 'express';
import {
  CreateUserSchema,
  UpdateUserSchema,
  UserIdParamSchema,
  type AdminUserAnswer,
  type AdminUserList,
  type TemporaryPasswordAnswer,
} from '@streetchief/shared/admin/index';
import { actorOfUser, serverAdminEnv } from '../../admin/adminEnv.ts';
import { createUser, resetPassword, setUserDisabled, updateUser } from '../../admin/userCommands.ts';
import type { Sessions } from '../../auth/sessions.ts';
import type { CommandContext } from '../../commands/context.ts';
import { findUserById, listAdminUsers } from '../../store/userRepo.ts';
import { requireAdmin } from '../auth.ts';
import { notFound, parseOr400 } from '../errors.ts';

/**
 * Accounts, for administrators only (403 for every other role): list, create, change role, scope
 * or name, disable and enable, reset the password. Every change goes into the audit log in its
 * own transaction.
 */
export function adminUserRoutes(ctx: CommandContext, sessions: Sessions): Router {
  const env = serverAdminEnv(ctx, sessions);
  const r = Router();

  r.get('/api/admin/users', async (req, res) => {
    requireAdmin(req);
    const answer: AdminUserList = { users: await listAdminUsers(ctx.store.db) };
    res.json(answer);
  });

  r.post('/api/admin/users', async (req, res) => {
    const admin = requireAdmin(req);
    const body = parseOr400(CreateUserSchema, req.body);
    const { user, password } = await createUser(env, actorOfUser(admin), body);
    const answer: TemporaryPasswordAnswer = { user, temporaryPassword: password };
    res.status(201).json(answer);
  });

  r.get('/api/admin/users/:id', async (req, res) => {
    requireAdmin(req);
    const { id } = parseOr400(UserIdParamSchema, req.params);
    const found = await findUserById(ctx.store.db, id);
    if (!found) throw notFound(`no account ${id}`);
    const answer: AdminUserAnswer = { user: found.admin };
    res.json(answer);
  });

  r.patch('/api/admin/users/:id', async (req, res) => {
    const admin = requireAdmin(req);
    const { id } = parseOr400(UserIdParamSchema, req.params);
    const body = parseOr400(UpdateUserSchema, req.body);
    const answer: AdminUserAnswer = { user: await updateUser(env, actorOfUser(admin), id, body) };
    res.json(answer);
  });

  for (const [path, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    r.post(`/api/admin/users/:id/${path}`, async (req, res) => {
      const admin = requireAdmin(req);
      const { id } = parseOr400(UserIdParamSchema, req.params);
      const answer: AdminUserAnswer = { user: await setUserDisabled(env, actorOfUser(admin), id, disabled) };
      res.json(answer);
    });
  }

  r.post('/api/admin/users/:id/reset-password', async (req, res) => {
    const admin = requireAdmin(req);
    const { id } = parseOr400(UserIdParamSchema, req.params);
    const { user, password } = await resetPassword(env, actorOfUser(admin), id);
    const answer: TemporaryPasswordAnswer = { user, temporaryPassword: password };
    res.json(answer);
  });
  return r;
}

import { Router } from 'express';
import { CreateDisplaySchema, DisplayIdParamSchema, type CreatedDisplay, type DisplayList } from '@streetchief/shared/admin/index';
import { actorOfUser, serverAdminEnv } from '../../admin/adminEnv.ts';
import { createDisplay, revokeDisplay } from '../../admin/displayCommands.ts';
import type { Sessions } from '../../auth/sessions.ts';
import type { CommandContext } from '../../commands/context.ts';
import { listDisplays } from '../../store/displayRepo.ts';
import { requireAdmin } from '../auth.ts';
import { parseOr400 } from '../errors.ts';

/** Wall displays, for administrators only: register (answers the enrollment code once), list, revoke. */
export function adminDisplayRoutes(ctx: CommandContext, sessions: Sessions): Router {
  const env = serverAdminEnv(ctx, sessions);
  const r = Router();

  r.get('/api/admin/displays', async (req, res) => {
    requireAdmin(req);
    const answer: DisplayList = { displays: await listDisplays(ctx.store.db, ctx.now()) };
    res.json(answer);
  });

  r.post('/api/admin/displays', async (req, res) => {
    const admin = requireAdmin(req);
    const { name } = parseOr400(CreateDisplaySchema, req.body);
    const answer: CreatedDisplay = await createDisplay(env, actorOfUser(admin), name);
    res.status(201).json(answer);
  });

  r.delete('/api/admin/displays/:id', async (req, res) => {
    const admin = requireAdmin(req);
    const { id } = parseOr400(DisplayIdParamSchema, req.params);
    res.json({ display: await revokeDisplay(env, actorOfUser(admin), id) });
  });
  return r;
}

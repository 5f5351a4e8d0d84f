import { Router } from 'express';
import { EnrollSchema, type SessionAnswer } from '@streetchief/shared/admin/index';
import { serverAdminEnv } from '../../admin/adminEnv.ts';
import { enrollDisplay } from '../../admin/displayCommands.ts';
import type { Sessions } from '../../auth/sessions.ts';
import type { CommandContext } from '../../commands/context.ts';
import { displayUser } from '../../store/userRepo.ts';
import { parseOr400 } from '../errors.ts';

/**
 * `POST /api/displays/enroll {code}`: the wall page exchanges the code an administrator was shown
 * for a display session (no sign-in needed; the code is the credential, once, for 24 hours).
 */
export function displayRoutes(ctx: CommandContext, sessions: Sessions): Router {
  const env = serverAdminEnv(ctx, sessions);
  const r = Router();
  r.post('/api/displays/enroll', async (req, res) => {
    const { code } = parseOr400(EnrollSchema, req.body);
    const { display, setCookie } = await enrollDisplay(env, sessions, code);
    res.setHeader('Set-Cookie', setCookie);
    const answer: SessionAnswer = { user: displayUser(display.id, display.name), kind: 'display', mustChangePassword: false };
    res.json(answer);
  });
  return r;
}

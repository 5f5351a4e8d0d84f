import { Router } from 'express';
import { transitionFor } from '@streetchief/shared';
import type { CommandContext } from '../../commands/context.ts';
import { checkerCandidates } from '../../commands/checkers.ts';
import { requireUser } from '../auth.ts';
import { forbidden, parseOr400 } from '../errors.ts';
import { CheckersQuerySchema } from '../routeSchemas.ts';

/** `GET /api/checkers?gridCode=`: whom the desk may name for a check, the grid's own first. */
export function checkerRoutes(ctx: CommandContext): Router {
  const r = Router();
  r.get('/api/checkers', async (req, res) => {
    const user = requireUser(req);
    // Only those who may assign a check need the list of field staff.
    if (!transitionFor('assign_check').roles.includes(user.role)) throw forbidden(`role ${user.role} may not assign checks`);
    const { gridCode } = parseOr400(CheckersQuerySchema, req.query);
    res.json({ items: await checkerCandidates(ctx.store.db, gridCode) });
  });
  return r;
}

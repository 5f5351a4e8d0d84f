import { Router } from 'express';
import type { Role } from '@streetchief/shared';
import { OptionalPeriodSchema } from '@streetchief/shared/calendar/period';
import type { CommandContext } from '../../commands/context.ts';
import { meetingAgenda } from '../../indicators/meetingAgenda.ts';
import { dailyTrend } from '../../indicators/trend.ts';
import { forbidden, parseOr400 } from '../errors.ts';
import { requireUser } from '../auth.ts';
import { TrendQuerySchema } from '../routeSchemas.ts';

const MEETING_ROLES: readonly Role[] = ['supervisor', 'street_chief', 'dispatcher', 'admin'];

/** The joint meeting's agenda (联席例会) and the daily trend (wall, public page). */
export function meetingRoutes(ctx: CommandContext): Router {
  const r = Router();
  r.get('/api/meeting/agenda', async (req, res) => {
    const user = requireUser(req);
    if (!MEETING_ROLES.includes(user.role)) throw forbidden(`role ${user.role} does not sit in the joint meeting`);
    // The same bounds as the statistics it is built from: both ends or neither, at most three years.
    const q = parseOr400(OptionalPeriodSchema, req.query);
    res.json(await meetingAgenda(ctx, user, q.from && q.to ? { from: q.from, to: q.to } : undefined));
  });
  r.get('/api/public/trend', async (req, res) => {
    const { days } = parseOr400(TrendQuerySchema, req.query);
    res.setHeader('Cache-Control', 'public, max-age=60');
    res.json({ days: await dailyTrend(ctx.store.db, ctx.now(), days, ctx.ref.calendar.timeZone) });
  });
  return r;
}

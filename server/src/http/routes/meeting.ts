import { Router } from 'express';
import { z } from 'zod';
import { scopeOf, type Role } from '@streetchief/shared';
import { buildAgenda } from '@streetchief/shared/indicators/agenda';
import type { CommandContext } from '../../commands/context.ts';
import { lastDays } from '../../indicators/period.ts';
import { computeStats } from '../../indicators/service.ts';
import { dailyTrend } from '../../indicators/trend.ts';
import { listIncidents } from '../../store/incidentRepo.ts';
import { forbidden, parseOr400 } from '../errors.ts';
import { requireUser } from '../auth.ts';

const MEETING_ROLES: readonly Role[] = ['supervisor', 'street_chief', 'dispatcher', 'admin'];
const PeriodSchema = z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() });
const TrendSchema = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) });

/** The joint meeting's agenda (联席例会) and the daily trend (wall, public page). */
export function meetingRoutes(ctx: CommandContext): Router {
  const r = Router();
  r.get('/api/meeting/agenda', async (req, res) => {
    const user = requireUser(req);
    if (!MEETING_ROLES.includes(user.role)) throw forbidden(`role ${user.role} does not sit in the joint meeting`);
    const q = parseOr400(PeriodSchema, req.query);
    const now = ctx.now();
    const period = q.from && q.to ? { from: q.from, to: q.to } : lastDays(now, 30, ctx.ref.calendar.timeZone);
    // Open cases only: "active since now" means open (or changed in the future: none).
    const open = await listIncidents(ctx.store.db, { activeSince: now.toISOString(), limit: 10_000, scope: scopeOf(user), now });
    const [depts, grids] = await Promise.all([
      computeStats(ctx.store.db, ctx.ref, { ...period, by: 'department' }, now),
      computeStats(ctx.store.db, ctx.ref, { ...period, by: 'grid' }, now),
    ]);
    res.json({ ...period, ...buildAgenda(open, depts.rows, grids.rows, now) });
  });
  r.get('/api/public/trend', async (req, res) => {
    const { days } = parseOr400(TrendSchema, req.query);
    res.setHeader('Cache-Control', 'public, max-age=60');
    res.json({ days: await dailyTrend(ctx.store.db, ctx.now(), days, ctx.ref.calendar.timeZone) });
  });
  return r;
}

import { Router } from 'express';
import { StatsQuerySchema, type StatsRow } from '@streetchief/shared/indicators/stats';
import type { CommandContext } from '../../commands/context.ts';
import { computeStats } from '../../indicators/service.ts';
import { parseOr400 } from '../errors.ts';
import { requireUser } from '../auth.ts';
import { PublicStatsQuerySchema } from '../routeSchemas.ts';

/** The published fields: figures and names of units only (no row holds people, descriptions or photos). */
const PUBLIC_FIELDS = [
  'key',
  'label',
  'reported',
  'due',
  'closed',
  'closedOnTime',
  'overdueOpen',
  'closureRate',
  'onTimeClosureRate',
  'reworkRate',
  'extensionRate',
  'score',
  'change',
] as const;
type PublicRow = Pick<StatsRow, (typeof PUBLIC_FIELDS)[number]>;

function publicRow(r: StatsRow): PublicRow {
  return Object.fromEntries(PUBLIC_FIELDS.map((f) => [f, r[f]])) as PublicRow;
}

/** Indicators (综合评价) for signed-in users, and the published subset (监督公示) for everyone. */
export function statsRoutes(ctx: CommandContext): Router {
  const r = Router();
  r.get('/api/stats', async (req, res) => {
    requireUser(req);
    const q = parseOr400(StatsQuerySchema, req.query);
    res.json(await computeStats(ctx.store.db, ctx.ref, q, ctx.now()));
  });
  r.get('/api/public/stats', async (req, res) => {
    const q = parseOr400(PublicStatsQuerySchema, req.query);
    const s = await computeStats(ctx.store.db, ctx.ref, q, ctx.now());
    res.setHeader('Cache-Control', 'public, max-age=60');
    res.json({ from: s.from, to: s.to, by: s.by, rows: s.rows.map(publicRow), total: publicRow(s.total) });
  });
  return r;
}

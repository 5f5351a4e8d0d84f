import { Router } from 'express';
import { z } from 'zod';
import { canSeeEvent, IncidentQuerySchema, type Role } from '@streetchief/shared';
import { DaySchema, periodRefinement } from '@streetchief/shared/calendar/period';
import { StatsQuerySchema } from '@streetchief/shared/indicators/stats';
import type { CommandContext } from '../../commands/context.ts';
import { casePages } from '../../exports/casePages.ts';
import { caseColumns, minutesColumns, statsColumns } from '../../exports/columns.ts';
import { once, streamTable } from '../../exports/writers.ts';
import { periodInstants } from '../../indicators/period.ts';
import { computeStats } from '../../indicators/service.ts';
import { eventsOfKind } from '../../store/eventLog.ts';
import { forbidden, parseOr400 } from '../errors.ts';
import { requireUser } from '../auth.ts';

/** Who may export: the desks, supervisors and chiefs (their scope applies). */
const EXPORTERS: readonly Role[] = ['dispatcher', 'supervisor', 'admin', 'street_chief'];
const FormatSchema = z.object({ format: z.enum(['csv', 'xlsx']) });
// Either end may be open (the stream is paged, no day is walked); when both are given they must be in order.
const CaseExportSchema = IncidentQuerySchema.omit({ cursor: true, limit: true })
  .extend({ from: DaySchema.optional(), to: DaySchema.optional() })
  .superRefine(periodRefinement({ maxDays: null }));
const DecisionExportSchema = z
  .object({ after: z.coerce.number().int().min(0).optional(), from: DaySchema.optional(), to: DaySchema.optional() })
  .refine((q) => q.after !== undefined || q.from || q.to, { message: 'give after (a sequence number) or from/to dates', path: ['after'] })
  .superRefine(periodRefinement({ maxDays: null }));
const GROUP_HEADER = { street: '街道', community: '社区', grid: '网格', department: '部门', category: '案件小类' } as const;

/** CSV and XLSX exports of cases and of indicators, with Chinese headers, streamed. */
export function exportRoutes(ctx: CommandContext): Router {
  const r = Router();
  const exporter = (req: Parameters<typeof requireUser>[0]) => {
    const user = requireUser(req);
    if (!EXPORTERS.includes(user.role)) throw forbidden(`role ${user.role} may not export`);
    return user;
  };

  r.get('/api/exports/cases.:format', async (req, res) => {
    const user = exporter(req);
    const { format } = parseOr400(FormatSchema, req.params);
    const q = parseOr400(CaseExportSchema, req.query);
    await streamTable(res, format, `案件_${q.from ?? ''}_${q.to ?? ''}`, caseColumns(ctx.ref, ctx.now()), casePages(ctx, user, q));
  });

  r.get('/api/exports/stats.:format', async (req, res) => {
    exporter(req);
    const { format } = parseOr400(FormatSchema, req.params);
    const q = parseOr400(StatsQuerySchema, req.query);
    const s = await computeStats(ctx.store.db, ctx.ref, q, ctx.now());
    await streamTable(res, format, `综合评价_${q.by}_${q.from}_${q.to}`, statsColumns(GROUP_HEADER[q.by]), once([...s.rows, s.total]));
  });
  /** The joint meeting's decisions (议定事项, `decide` events) after a sequence number and/or between two dates. */
  r.get('/api/exports/decisions.:format', async (req, res) => {
    const user = exporter(req);
    const { format } = parseOr400(FormatSchema, req.params);
    const q = parseOr400(DecisionExportSchema, req.query);
    const tz = ctx.ref.calendar.timeZone;
    const events = await eventsOfKind(ctx.store.db, 'decide', {
      afterSeq: q.after,
      from: q.from ? periodInstants(q.from, q.from, tz).start.toISOString() : undefined,
      to: q.to ? periodInstants(q.to, q.to, tz).end.toISOString() : undefined,
    });
    const visible = events.filter((e) => canSeeEvent(user, e));
    await streamTable(res, format, `联席例会议定事项_${q.from ?? ''}${q.to ? `_${q.to}` : ''}`, minutesColumns(ctx.ref), once(visible));
  });
  return r;
}

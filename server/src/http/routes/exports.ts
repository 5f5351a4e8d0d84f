import { Router } from 'express';
import { canSeeEvent, type Role } from '@streetchief/shared';
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
import { CaseExportQuerySchema, DecisionExportQuerySchema, DownloadFormatSchema } from '../routeSchemas.ts';

/** Who may export: the desks, supervisors and chiefs (their scope applies). */
const EXPORTERS: readonly Role[] = ['dispatcher', 'supervisor', 'admin', 'street_chief'];
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
    const { format } = parseOr400(DownloadFormatSchema, req.params);
    const q = parseOr400(CaseExportQuerySchema, req.query);
    await streamTable(res, format, `案件_${q.from ?? ''}_${q.to ?? ''}`, caseColumns(ctx.ref, ctx.now()), casePages(ctx, user, q));
  });

  r.get('/api/exports/stats.:format', async (req, res) => {
    exporter(req);
    const { format } = parseOr400(DownloadFormatSchema, req.params);
    const q = parseOr400(StatsQuerySchema, req.query);
    const s = await computeStats(ctx.store.db, ctx.ref, q, ctx.now());
    await streamTable(res, format, `综合评价_${q.by}_${q.from}_${q.to}`, statsColumns(GROUP_HEADER[q.by]), once([...s.rows, s.total]));
  });
  /** The joint meeting's decisions (议定事项, `decide` events) after a sequence number and/or between two dates. */
  r.get('/api/exports/decisions.:format', async (req, res) => {
    const user = exporter(req);
    const { format } = parseOr400(DownloadFormatSchema, req.params);
    const q = parseOr400(DecisionExportQuerySchema, req.query);
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

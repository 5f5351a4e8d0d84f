import { Router } from 'express';
import { z } from 'zod';
import {
  AUDIT_ACTION_LABELS,
  AuditExportQuerySchema,
  AuditQuerySchema,
  type AuditEntry,
  type AuditPage,
  type AuditTargetKind,
} from '@streetchief/shared/admin/index';
import type { CommandContext } from '../../commands/context.ts';
import { localTime, type Column } from '../../exports/columns.ts';
import { streamTable } from '../../exports/writers.ts';
import { periodInstants } from '../../indicators/period.ts';
import { auditBatches, auditPage, type AuditFilter } from '../../store/auditRepo.ts';
import { requireAdmin } from '../auth.ts';
import { parseOr400 } from '../errors.ts';
import { DownloadFormatSchema } from '../routeSchemas.ts';

const TARGET_KIND: Record<AuditTargetKind, string> = { user: '账号', display: '大屏', api_client: '接口密钥' };

/** Days in the district's time zone (both included, either open) as the log's instant range. */
function filterOf(ctx: CommandContext, q: z.infer<typeof AuditExportQuerySchema>): AuditFilter {
  const tz = ctx.ref.calendar.timeZone;
  return {
    ...(q.from ? { from: periodInstants(q.from, q.from, tz).start.toISOString() } : {}),
    ...(q.to ? { to: periodInstants(q.to, q.to, tz).end.toISOString() } : {}),
    ...(q.action ? { action: q.action } : {}),
    ...(q.targetId ? { targetId: q.targetId } : {}),
  };
}

/** Columns of the exported log, with Chinese headers; times in the district's time zone. */
function auditColumns(timeZone: string): Column<AuditEntry>[] {
  const named = (e: AuditEntry) => {
    const d = e.details as { username?: unknown; name?: unknown };
    return typeof d.username === 'string' ? d.username : typeof d.name === 'string' ? d.name : '';
  };
  return [
    { header: '编号', value: (e) => e.id },
    { header: '时间', value: (e) => localTime(e.at, timeZone) },
    { header: '操作人', value: (e) => e.actorName },
    { header: '操作人编号', value: (e) => e.actorId },
    { header: '操作', value: (e) => AUDIT_ACTION_LABELS[e.action].zh },
    { header: '对象类型', value: (e) => TARGET_KIND[e.targetKind] },
    { header: '对象编号', value: (e) => e.targetId },
    { header: '对象', value: named },
    { header: '详情', value: (e) => JSON.stringify(e.details) },
  ];
}

/** The audit log, for administrators only: paged newest first, and exported whole, oldest first. */
export function adminAuditRoutes(ctx: CommandContext): Router {
  const r = Router();

  r.get('/api/admin/audit', async (req, res) => {
    requireAdmin(req);
    const q = parseOr400(AuditQuerySchema, req.query);
    // One more than asked: whether a next page exists without a count.
    const rows = await auditPage(ctx.store.db, filterOf(ctx, q), q.cursor ? Number(q.cursor) : null, q.limit + 1);
    const entries = rows.slice(0, q.limit);
    const answer: AuditPage = { entries, nextCursor: rows.length > q.limit ? String(entries[entries.length - 1]!.id) : null };
    res.json(answer);
  });

  r.get('/api/admin/audit.:format', async (req, res) => {
    requireAdmin(req);
    const { format } = parseOr400(DownloadFormatSchema, req.params);
    const q = parseOr400(AuditExportQuerySchema, req.query);
    const tz = ctx.ref.calendar.timeZone;
    await streamTable(
      res,
      format,
      `审计日志_${q.from ?? ''}_${q.to ?? ''}`,
      auditColumns(tz),
      auditBatches(ctx.store.db, filterOf(ctx, q)),
    );
  });
  return r;
}

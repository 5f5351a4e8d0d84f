import { scopeOf, type Incident, type IncidentQuery, type User } from '@streetchief/shared';
import type { CommandContext } from '../commands/context.ts';
import { periodInstants } from '../indicators/period.ts';
import { listIncidents } from '../store/incidentRepo.ts';

// Moderate pages: each read is one synchronous stretch on SQLite, so it must stay short.
const PAGE = 500;

export type CaseExportQuery = Omit<IncidentQuery, 'cursor' | 'limit'> & { from?: string; to?: string };

/**
 * The cases a user may export, newest report first, in keyset-paged batches of 500: each batch is
 * read only when the previous one has been written, so a year of cases never sits in memory.
 */
export async function* casePages(ctx: CommandContext, user: User, q: CaseExportQuery): AsyncIterable<Incident[]> {
  const now = ctx.now();
  const tz = ctx.ref.calendar.timeZone;
  const fromIso = q.from ? periodInstants(q.from, q.from, tz).start.toISOString() : undefined;
  const toIso = q.to ? periodInstants(q.to, q.to, tz).end.toISOString() : undefined;
  let after: { reportedAt: string; id: string } | undefined = toIso ? { reportedAt: toIso, id: '' } : undefined;
  for (;;) {
    const page = await listIncidents(ctx.store.db, {
      status: q.status,
      street: q.street,
      grid: q.grid,
      department: q.department,
      overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
      checkOverdue: q.checkOverdue === 'true',
      caseNo: q.caseNo,
      after,
      limit: PAGE,
      scope: scopeOf(user),
      now,
    });
    const kept = fromIso ? page.filter((c) => c.reportedAt >= fromIso) : page;
    if (kept.length) yield kept;
    const last = page.at(-1);
    if (!last || page.length < PAGE || kept.length < page.length) return;
    after = { reportedAt: last.reportedAt, id: last.id };
  }
}

import type { AuditAction, AuditEntry, AuditTargetKind } from '@streetchief/shared/admin/index';
import type { Executor } from './store.ts';
import type { Selectable } from 'kysely';
import type { DB } from './schema.ts';

/** Who made a change: a user, a display, or the command line. */
export interface AuditActor {
  id: string;
  name: string;
}

export interface NewAuditEntry {
  at: Date;
  actor: AuditActor;
  action: AuditAction;
  targetKind: AuditTargetKind;
  targetId: string;
  details: Record<string, unknown>;
}

/**
 * Append one entry. Must run in the transaction of the change it records: the entry commits with
 * it or not at all. Its id comes from a counter row that the transaction locks, so ids are
 * gap-free and grow in commit order on PostgreSQL as on SQLite (a page never misses a late commit).
 */
export async function appendAudit(trx: Executor, e: NewAuditEntry): Promise<number> {
  const { value } = await trx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'audit_seq')
    .returning('value')
    .executeTakeFirstOrThrow();
  const id = Number(value);
  await trx
    .insertInto('audit_log')
    .values({
      id,
      at: e.at.toISOString(),
      actor_id: e.actor.id,
      actor_name: e.actor.name,
      action: e.action,
      target_kind: e.targetKind,
      target_id: e.targetId,
      details: JSON.stringify(e.details),
    })
    .execute();
  return id;
}

/** Which entries: a time range [from, to) as ISO instants, an action, a target. */
export interface AuditFilter {
  from?: string;
  to?: string;
  action?: AuditAction;
  targetId?: string;
}

function filtered(ex: Executor, f: AuditFilter) {
  let q = ex.selectFrom('audit_log').selectAll();
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.targetId) q = q.where('target_id', '=', f.targetId);
  return q;
}

const toEntry = (r: Selectable<DB['audit_log']>): AuditEntry => ({
  id: Number(r.id),
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  action: r.action as AuditAction,
  targetKind: r.target_kind as AuditTargetKind,
  targetId: r.target_id,
  details: JSON.parse(r.details) as Record<string, unknown>,
});

/** Newest first, ids below `before` (the previous page's last), at most `limit`. */
export async function auditPage(ex: Executor, f: AuditFilter, before: number | null, limit: number): Promise<AuditEntry[]> {
  let q = filtered(ex, f);
  if (before !== null) q = q.where('id', '<', before);
  const rows = await q.orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toEntry);
}

/** Oldest first, in batches read one after the other (keyset on the id): for exports of any length. */
export async function* auditBatches(ex: Executor, f: AuditFilter, size = 1000): AsyncIterable<AuditEntry[]> {
  let after = 0;
  for (;;) {
    const rows = await filtered(ex, f).where('id', '>', after).orderBy('id').limit(size).execute();
    if (rows.length === 0) return;
    yield rows.map(toEntry);
    after = Number(rows[rows.length - 1]!.id);
    if (rows.length < size) return;
  }
}

import type { Kysely, Migration } from 'kysely';

/** The case timestamps and counters the indicator engine groups over, as plain columns. */
const COLUMNS: [string, 'text' | 'integer' | 'bigint'][] = [
  ['registered_at', 'text'],
  ['dispatched_at', 'text'],
  ['handled_at', 'text'],
  ['closed_at', 'text'],
  ['parked_since', 'text'],
  ['feedback_count', 'integer'],
  ['rework_count', 'integer'],
  ['return_count', 'integer'],
  ['extension_count', 'integer'],
  ['handling_ms', 'bigint'],
];

export const caseFacts: Migration = {
  async up(db: Kysely<any>) {
    for (const [name, type] of COLUMNS) await db.schema.alterTable('incidents').addColumn(name, type).execute();
    // Fill them from the case snapshots already stored (each row's JSON is the source of truth).
    const rows = await db.selectFrom('incidents').select(['id', 'data']).execute();
    for (const r of rows as { id: string; data: string }[]) {
      const c = JSON.parse(r.data) as Record<string, unknown>;
      await db
        .updateTable('incidents')
        .set({
          registered_at: c.registeredAt ?? null,
          dispatched_at: c.dispatchedAt ?? null,
          handled_at: c.handledAt ?? null,
          closed_at: c.closedAt ?? null,
          parked_since: c.status === 'parked' ? (c.parkedAt ?? c.updatedAt) : null,
          feedback_count: c.feedbackCount ?? 0,
          rework_count: c.reworkCount ?? 0,
          return_count: c.returnCount ?? 0,
          extension_count: c.extensionCount ?? 0,
          handling_ms: c.handlingMs ?? null,
        })
        .where('id', '=', r.id)
        .execute();
    }
    await db.schema.createIndex('incidents_deadline').on('incidents').column('deadline').execute();
    await db.schema.createIndex('incidents_reported').on('incidents').column('reported_at').execute();
  },
};

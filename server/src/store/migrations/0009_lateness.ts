import type { Kysely, Migration } from 'kysely';
import { DEADLINE_STATES, type CaseState } from '@streetchief/shared/domain/workflow';

/**
 * Lateness as a fact of the case (`incidents.late_at`, `Incident.lateAt`): the deadline a case
 * missed, kept whatever deadline it gets later. Existing cases are filled from what the store knows:
 * - the deadline carried by the case's first `overdue` event (the scheduler's mark: exact even when
 *   an extension or a meeting moved the deadline afterwards, which used to erase the lateness);
 * - else a deadline that has passed while it runs, or a feedback given after its deadline.
 * The case snapshots (`data`) get the field too, so reads and the indicator engine agree.
 */
export const lateness: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('incidents').addColumn('late_at', 'text').execute();
    const firstMissed = new Map<string, string>();
    const marks = (await db
      .selectFrom('events')
      .select(['incident_id', 'payload'])
      .where('kind', '=', 'overdue')
      .orderBy('seq')
      .execute()) as { incident_id: string; payload: string }[];
    for (const m of marks) {
      if (firstMissed.has(m.incident_id)) continue;
      const deadline = (JSON.parse(m.payload) as { incident?: { deadline?: unknown } }).incident?.deadline;
      if (typeof deadline === 'string') firstMissed.set(m.incident_id, deadline);
    }
    const now = Date.now();
    const rows = (await db.selectFrom('incidents').select(['id', 'data']).execute()) as { id: string; data: string }[];
    for (const r of rows) {
      const c = JSON.parse(r.data) as Record<string, unknown>;
      const deadline = typeof c.deadline === 'string' ? c.deadline : null;
      const running = DEADLINE_STATES.includes(c.status as CaseState);
      const handedInLate = typeof c.handledAt === 'string' && deadline !== null && c.handledAt > deadline;
      const lateAt = firstMissed.get(r.id) ?? (deadline && ((running && Date.parse(deadline) < now) || handedInLate) ? deadline : null);
      c.lateAt = lateAt;
      c.assists ??= ((c.assistDepts as string[] | undefined) ?? []).map((dept) => ({ dept, notes: 0, doneAt: null }));
      c.possibleDuplicates ??= [];
      await db
        .updateTable('incidents')
        .set({ late_at: lateAt, data: JSON.stringify(c) })
        .where('id', '=', r.id)
        .execute();
    }
    await db.schema.createIndex('incidents_late_at').on('incidents').column('late_at').execute();
  },
};

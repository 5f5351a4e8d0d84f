import type { IncidentEvent, NewIncidentEvent } from '@streetchief/shared';
import type { Executor } from './store.ts';

/**
 * Append events with the next sequence numbers. Must run inside the transaction that writes the
 * projection: the counter row update locks it, so sequence numbers are gap-free and commit in
 * order on PostgreSQL as well as on SQLite.
 */
export async function appendEvents(trx: Executor, events: NewIncidentEvent[]): Promise<IncidentEvent[]> {
  if (events.length === 0) return [];
  const { value: last } = await trx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', events.length) }))
    .where('name', '=', 'event_seq')
    .returning('value')
    .executeTakeFirstOrThrow();
  const first = Number(last) - events.length + 1;
  const stored = events.map((e, i) => ({ ...e, seq: first + i }));
  for (let i = 0; i < stored.length; i += 200) {
    await trx
      .insertInto('events')
      .values(
        stored.slice(i, i + 200).map((e) => ({
          seq: e.seq,
          kind: e.kind,
          at: e.at,
          actor_id: e.actor.id,
          incident_id: e.incident.id,
          payload: JSON.stringify(e),
        })),
      )
      .execute();
  }
  return stored;
}

/** Events after `after`, in order, at most `limit`. */
export async function eventsAfter(ex: Executor, after: number, limit: number): Promise<IncidentEvent[]> {
  const rows = await ex.selectFrom('events').select('payload').where('seq', '>', after).orderBy('seq').limit(limit).execute();
  return rows.map((r) => JSON.parse(r.payload) as IncidentEvent);
}

/** Events of one case, oldest first: its history. */
export async function eventsOfIncident(ex: Executor, incidentId: string): Promise<IncidentEvent[]> {
  const rows = await ex.selectFrom('events').select('payload').where('incident_id', '=', incidentId).orderBy('seq').execute();
  return rows.map((r) => JSON.parse(r.payload) as IncidentEvent);
}

/** The newest sequence number (0 when the log is empty). */
export async function headSeq(ex: Executor): Promise<number> {
  const row = await ex.selectFrom('counters').select('value').where('name', '=', 'event_seq').executeTakeFirstOrThrow();
  return Number(row.value);
}

/** Events of one kind after a sequence number and/or in a time range [from, to), oldest first (e.g. meeting decisions). */
export async function eventsOfKind(
  ex: Executor,
  kind: string,
  range: { afterSeq?: number; from?: string; to?: string },
): Promise<IncidentEvent[]> {
  let q = ex.selectFrom('events').select('payload').where('kind', '=', kind);
  if (range.afterSeq !== undefined) q = q.where('seq', '>', range.afterSeq);
  if (range.from) q = q.where('at', '>=', range.from);
  if (range.to) q = q.where('at', '<', range.to);
  const rows = await q.orderBy('seq').limit(10_000).execute();
  return rows.map((r) => JSON.parse(r.payload) as IncidentEvent);
}

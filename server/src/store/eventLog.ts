import { PostgresAdapter, sql } from 'kysely';
import type { IncidentEvent, NewIncidentEvent } from '@streetchief/shared';
import type { Executor } from './store.ts';

/**
 * The PostgreSQL NOTIFY channel of this schema's log, computed by the database from the session's
 * schema so that two deployments (or two test runs) in one database never wake each other. A
 * channel name is at most 63 bytes: a longer one is cut, and two cut names that meet only cost an
 * extra read (a wake-up is a hint; the log is read from the listener's own schema).
 */
const CHANNEL = sql<string>`left('streetchief_events.' || current_schema(), 63)`;

/** The channel `appendEvents` notifies on PostgreSQL, for the connection that LISTENs. */
export async function eventChannel(ex: Executor): Promise<string> {
  const { rows } = await sql<{ channel: string }>`select ${CHANNEL} as channel`.execute(ex);
  return rows[0]!.channel;
}

/**
 * Append events with the next sequence numbers. Must run inside the transaction that writes the
 * projection: the counter row update locks it until commit, so sequence numbers are gap-free and
 * commit in order on PostgreSQL as well as on SQLite (a transaction cannot take number n+1 before
 * the one holding n has committed or rolled back, and a rollback gives n back).
 *
 * On PostgreSQL the same statement notifies every node with the new head. PostgreSQL delivers a
 * notification only when (and only if) its transaction commits, and drops it with a rolled-back
 * savepoint, so a node that dies right after its commit has still woken the others.
 */
export async function appendEvents(trx: Executor, events: NewIncidentEvent[]): Promise<IncidentEvent[]> {
  if (events.length === 0) return [];
  const counter = trx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', events.length) }))
    .where('name', '=', 'event_seq');
  const { value: last } = await (
    trx.getExecutor().adapter instanceof PostgresAdapter
      ? counter.returning(['value', sql<string>`pg_notify(${CHANNEL}, value::text)`.as('notified')])
      : counter.returning('value')
  ).executeTakeFirstOrThrow();
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

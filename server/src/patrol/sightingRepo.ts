import type { Sighting } from '@streetchief/shared';
import type { Executor } from '../store/store.ts';

/** Insert a sighting; false when the id exists (a retry). */
export async function insertSighting(ex: Executor, s: Sighting): Promise<boolean> {
  const res = await ex
    .insertInto('sightings')
    .values({ id: s.id, incident_id: s.incidentId, user_id: s.userId, at: s.at, data: JSON.stringify(s) })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function getSighting(ex: Executor, id: string): Promise<Sighting | null> {
  const row = await ex.selectFrom('sightings').select('data').where('id', '=', id).executeTakeFirst();
  return row ? (JSON.parse(row.data) as Sighting) : null;
}

export async function sightingsOf(ex: Executor, incidentId: string): Promise<Sighting[]> {
  const rows = await ex.selectFrom('sightings').select('data').where('incident_id', '=', incidentId).orderBy('at').execute();
  return rows.map((r) => JSON.parse(r.data) as Sighting);
}

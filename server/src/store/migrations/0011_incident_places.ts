import type { Kysely, Migration } from 'kysely';

/**
 * A case's place as columns (`incidents.lng`, `incidents.lat`, WGS 84 degrees), so the duplicate
 * check at report time (`store/duplicateRepo.ts`) can ask for the cases of one class in a small box
 * around the report: the index leads with the class and the latitude, the box's tightest range.
 * Existing cases are filled from their snapshots (`data`), which have always held the place.
 */
export const incidentPlaces: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('incidents').addColumn('lng', 'double precision').execute();
    await db.schema.alterTable('incidents').addColumn('lat', 'double precision').execute();
    const rows = (await db.selectFrom('incidents').select(['id', 'data']).execute()) as { id: string; data: string }[];
    for (const r of rows) {
      const c = JSON.parse(r.data) as { lng?: unknown; lat?: unknown };
      if (typeof c.lng !== 'number' || typeof c.lat !== 'number') continue;
      await db.updateTable('incidents').set({ lng: c.lng, lat: c.lat }).where('id', '=', r.id).execute();
    }
    await db.schema.createIndex('incidents_class_place').on('incidents').columns(['category_code', 'lat', 'lng']).execute();
  },
};

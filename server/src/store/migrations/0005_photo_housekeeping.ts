import type { Kysely, Migration } from 'kysely';

/**
 * Indexes for the upload quota and the housekeeping: a user's photos of the day (uploader and
 * time), unattached photos by age (`incident_id` null, then `created_at`) and sessions by expiry,
 * so none of these scans its table.
 */
export const photoHousekeeping: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.createIndex('photos_uploader_created').on('photos').columns(['uploader_id', 'created_at']).execute();
    // Replaces the index on incident_id alone: it serves a case's photos as well as the old ones.
    await db.schema.createIndex('photos_incident_created').on('photos').columns(['incident_id', 'created_at']).execute();
    await db.schema.dropIndex('photos_incident').execute();
    await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();
  },
};

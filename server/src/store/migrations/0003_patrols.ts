import type { Kysely, Migration } from 'kysely';

/**
 * Patrols, their track points, daily reports (日巡日报) and sightings (a duplicate report attached
 * to an existing case). Plain tables, not case events: positions carry no sequence numbers.
 * Timestamps are ISO text and JSON is text, as everywhere; coordinates are double precision.
 */
export const patrols: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('patrols')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('patrols_day').on('patrols').columns(['day', 'user_id']).execute();
    await db.schema.createIndex('patrols_user_status').on('patrols').columns(['user_id', 'status']).execute();

    // A point is its patrol plus the instant of the fix: the same fix uploaded twice is one row.
    await db.schema
      .createTable('patrol_points')
      .addColumn('patrol_id', 'text', (c) => c.notNull())
      .addColumn('t', 'text', (c) => c.notNull())
      .addColumn('lng', 'double precision', (c) => c.notNull())
      .addColumn('lat', 'double precision', (c) => c.notNull())
      .addColumn('acc', 'double precision')
      .addPrimaryKeyConstraint('patrol_points_pk', ['patrol_id', 't'])
      .execute();

    await db.schema
      .createTable('daily_reports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('submitted_at', 'text', (c) => c.notNull())
      .addColumn('late', 'integer', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addUniqueConstraint('daily_reports_user_day', ['user_id', 'day'])
      .execute();
    await db.schema.createIndex('daily_reports_day').on('daily_reports').column('day').execute();

    await db.schema
      .createTable('sightings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('incident_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sightings_incident').on('sightings').columns(['incident_id', 'at']).execute();
  },
};

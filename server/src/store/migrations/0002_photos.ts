import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

/** Photo bytes and who uploaded them, attached to a case when a step uses them. */
export const photos: Migration = {
  async up(db: Kysely<any>) {
    // Bytes in the database by default (behind PhotoStorage); PostgreSQL calls the type bytea.
    const binary = db.getExecutor().adapter instanceof PostgresAdapter ? sql`bytea` : sql`blob`;
    await db.schema
      .createTable('photos')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('uploader_id', 'text', (c) => c.notNull())
      .addColumn('incident_id', 'text')
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('bytes', binary, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('photos_incident').on('photos').column('incident_id').execute();
  },
};

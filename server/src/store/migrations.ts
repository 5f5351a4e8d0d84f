import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { Migrator, PostgresAdapter, sql } from 'kysely';

/** One migration set for SQLite and PostgreSQL: only types both understand. */
const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('counters')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'bigint', (c) => c.notNull())
        .execute();
      await db.insertInto('counters').values({ name: 'event_seq', value: 0 }).execute();
      await db.schema
        .createTable('streets')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('communities')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('street_code', 'text', (c) => c.notNull().references('streets.code'))
        .execute();
      await db.schema
        .createTable('grids')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('community_code', 'text', (c) => c.notNull().references('communities.code'))
        .addColumn('street_code', 'text', (c) => c.notNull().references('streets.code'))
        .addColumn('chief', 'text', (c) => c.notNull())
        .addColumn('polygon', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('staff')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('grid_code', 'text', (c) => c.notNull().references('grids.code'))
        .addColumn('post', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('phone', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('departments')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('case_classes')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('major', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('department_code', 'text', (c) => c.notNull().references('departments.code'))
        .addColumn('limit_value', 'integer', (c) => c.notNull())
        .addColumn('limit_unit', 'text', (c) => c.notNull())
        .addColumn('urgent', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('department_code', 'text')
        .addColumn('street_code', 'text')
        .addColumn('grid_codes', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('incidents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('category_code', 'text', (c) => c.notNull())
        .addColumn('grid_code', 'text', (c) => c.notNull())
        .addColumn('community_code', 'text', (c) => c.notNull())
        .addColumn('street_code', 'text', (c) => c.notNull())
        .addColumn('lead_dept', 'text')
        .addColumn('depts', 'text', (c) => c.notNull())
        .addColumn('reporter_id', 'text')
        .addColumn('reported_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deadline', 'text')
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('incidents_status').on('incidents').columns(['status', 'id']).execute();
      await db.schema.createIndex('incidents_updated').on('incidents').columns(['updated_at']).execute();
      await db.schema.createIndex('incidents_grid').on('incidents').columns(['grid_code']).execute();
      await db.schema.createIndex('incidents_dept').on('incidents').columns(['lead_dept']).execute();
      await db.schema
        .createTable('events')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('incident_id', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('events_incident').on('events').columns(['incident_id', 'seq']).execute();
    },
  },
  '0002_photos': {
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
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Bring the database to the newest schema; throws with the failing migration's error. */
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<void> {
  // Kysely looks for its bookkeeping tables across all schemas unless told which one: name it, or
  // a sibling schema's tables (another test run, another tenant) would be taken for ours.
  const { error, results } = await new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`);
  }
}

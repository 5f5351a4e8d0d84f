import type { Kysely, Migration } from 'kysely';

/** Reference data, users and sessions, cases and the event log. */
export const initial: Migration = {
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
};

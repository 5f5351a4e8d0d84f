import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Accounts an administrator manages, wall displays, and the audit log.
 *
 * - users: `disabled_at` (null while the account may sign in), `must_change_password` (0/1: a new
 *   or reset account chooses its own password at the next sign-in), `created_at`, `updated_at`,
 *   `last_sign_in_at` (null for accounts older than this migration until they act), `version`
 *   (bumped by every change, for the stale-form check) and `password_vetted` (1 once the password
 *   is known not to be a published one: set through the password policy or by the production
 *   start's check, so that check does not repeat scrypt for every account at every start).
 * - display_devices: a wall display registered by an administrator, its single-use enrollment
 *   code kept as a hash (`token_hash`, cleared once used), when it was last seen, when revoked.
 * - sessions: rebuilt with `kind` ('user' | 'display'), a nullable `user_id` and a `display_id`
 *   (one of the two, by kind), and `last_seen_at` for sliding expiry. Live sessions are copied:
 *   nobody is signed out by the upgrade.
 * - audit_log: append-only, ids from a counter row taken in the writing transaction (as the event
 *   log's sequence), so ids grow in commit order and page cleanly.
 */
export const accounts: Migration = {
  async up(db: Kysely<any>) {
    const userColumns: [string, 'text' | 'integer', number | null][] = [
      ['disabled_at', 'text', null],
      ['must_change_password', 'integer', 0],
      ['created_at', 'text', null],
      ['updated_at', 'text', null],
      ['last_sign_in_at', 'text', null],
      ['version', 'integer', 1],
      ['password_vetted', 'integer', 0],
    ];
    // One column per statement: SQLite adds one at a time.
    for (const [name, type, dflt] of userColumns) {
      await db.schema
        .alterTable('users')
        .addColumn(name, type, (c) => (dflt === null ? c : c.notNull().defaultTo(dflt)))
        .execute();
    }

    await db.schema
      .createTable('display_devices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.unique())
      .addColumn('enroll_expires_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_by_name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('enrolled_at', 'text')
      .addColumn('last_seen_at', 'text')
      .addColumn('revoked_at', 'text')
      .execute();

    await db.schema
      .createTable('sessions_next')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull().defaultTo('user'))
      .addColumn('user_id', 'text', (c) => c.references('users.id'))
      .addColumn('display_id', 'text', (c) => c.references('display_devices.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addCheckConstraint(
        'sessions_owner',
        sql`(kind = 'user' and user_id is not null and display_id is null) or (kind = 'display' and display_id is not null and user_id is null)`,
      )
      .execute();
    await sql`insert into sessions_next (id, kind, user_id, display_id, created_at, expires_at, last_seen_at)
      select id, 'user', user_id, null, created_at, expires_at, created_at from sessions`.execute(db);
    await db.schema.dropTable('sessions').execute();
    await db.schema.alterTable('sessions_next').renameTo('sessions').execute();
    await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
    await db.schema.createIndex('sessions_display').on('sessions').column('display_id').execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.notNull())
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target_kind', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text', (c) => c.notNull())
      .addColumn('details', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'id']).execute();
    await db.schema.createIndex('audit_log_target').on('audit_log').columns(['target_id', 'id']).execute();
    await db.insertInto('counters').values({ name: 'audit_seq', value: 0 }).execute();
  },
};

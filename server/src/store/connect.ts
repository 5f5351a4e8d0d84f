import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

/** Where the data lives: an SQLite file (embedded default) or a PostgreSQL URL. */
export type DbConfig =
  { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string; /** Own schema, e.g. per test run. */ schema?: string };

export interface Connection {
  db: Kysely<DB>;
  dialect: DbConfig['dialect'];
  close: () => Promise<void>;
}

// int8 (bigint) columns hold sequence numbers far below 2^53: read them as numbers, not strings.
pg.types.setTypeParser(20, (v) => Number(v));

/** Open a connection pool for the configuration. Does not migrate. */
export async function connect(cfg: DbConfig): Promise<Connection> {
  if (cfg.dialect === 'sqlite') {
    if (cfg.file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(cfg.file)), { recursive: true });
    const sqlite = new Database(cfg.file);
    // WAL for concurrent readers; FULL so an acknowledged write survives a power cut.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  const schema = cfg.schema;
  if (schema && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`bad schema name ${schema}`);
  if (schema) {
    const admin = new pg.Client({ connectionString: cfg.url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: cfg.url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  await sql`select 1`.execute(db);
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/** Drop a PostgreSQL schema (tests clean up after themselves). */
export async function dropSchema(url: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`bad schema name ${schema}`);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await admin.end();
  }
}

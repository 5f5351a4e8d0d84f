import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';
import { connectSqlite } from './sqlite/connectSqlite.ts';
import type { WriteQueue } from './sqlite/splitDialect.ts';

/** Where the data lives: an SQLite file (embedded default) or a PostgreSQL URL. */
export type DbConfig =
  | { dialect: 'sqlite'; file: string }
  | {
      dialect: 'postgres';
      url: string;
      /** Own schema, e.g. per test run. */
      schema?: string;
      /** Connections in this node's pool (PG_POOL_SIZE); default {@link PG_POOL_SIZE}. */
      poolSize?: number;
    };

export interface Connection {
  db: Kysely<DB>;
  dialect: DbConfig['dialect'];
  /** SQLite: send writes made outside a transaction through this queue (the store's group commit). */
  useWriteQueue?: (queue: WriteQueue) => void;
  /** PostgreSQL: the pool's connections right now (for /metrics); SQLite has its fixed two. */
  pool?: () => { total: number; idle: number; waiting: number };
  close: () => Promise<void>;
}

/**
 * How long a write waits for another process's SQLite write lock before it answers 503. Only the
 * writer thread waits (reads and /healthz go on meanwhile), and a batch that gives up fails the
 * writes queued behind it too, so no write waits much longer than this.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 2500;
/** PostgreSQL connections per node when PG_POOL_SIZE is not set. */
export const PG_POOL_SIZE = 10;
/** How long a request waits for a PostgreSQL connection (the server down, or all of them in use). */
export const PG_CONNECT_TIMEOUT_MS = 5000;
/**
 * How long a statement in a PostgreSQL transaction (Store.transaction) waits for a lock held by
 * another session before it fails (55P03), as SQLite's busy_timeout does, rather than holding a
 * pool connection and its request indefinitely. Migrations are left without it: a node that
 * starts beside another waits for the other's migration however long it takes.
 */
export const PG_LOCK_TIMEOUT_MS = 5000;

// int8 (bigint) columns hold sequence numbers far below 2^53: read them as numbers, not strings.
pg.types.setTypeParser(20, (v) => Number(v));

/** Open a connection pool for the configuration. Does not migrate. */
export async function connect(cfg: DbConfig): Promise<Connection> {
  if (cfg.dialect === 'sqlite') return connectSqlite(cfg.file, SQLITE_BUSY_TIMEOUT_MS);
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
    max: cfg.poolSize ?? PG_POOL_SIZE,
    // Without a bound a request waits forever for a connection when the server is unreachable
    // or every connection is taken; with one it fails and is answered 503.
    connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
    // Notice a peer that vanished without closing (a cut network) instead of waiting on it.
    keepAlive: true,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle connection the server ends (restart, admin termination) emits 'error' on the pool;
  // unheard, that event would end the process. The pool drops that client and opens a new one
  // when next needed; a query that was running on it fails by itself and is reported there.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  await sql`select 1`.execute(db);
  return {
    db,
    dialect: 'postgres',
    pool: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => db.destroy(),
  };
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

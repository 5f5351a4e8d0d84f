import { sql, type Kysely, type Transaction } from 'kysely';
import { connect, PG_LOCK_TIMEOUT_MS, type Connection, type DbConfig } from './connect.ts';
import { GroupCommit } from './groupCommit.ts';
import { migrateToLatest } from './migrations.ts';
import type { DB } from './schema.ts';

/** Anything queries run on: the pool or an open transaction. */
export type Executor = Kysely<DB> | Transaction<DB>;

/**
 * The database handle. Repositories are plain functions over an `Executor`, so a command runs
 * several of them inside one transaction.
 */
export class Store {
  private readonly commits: GroupCommit;

  private constructor(private readonly conn: Connection) {
    this.commits = new GroupCommit(conn.db, {
      // A statement waits this long for a lock held by another session, then fails (55P03).
      afterBegin:
        conn.dialect === 'postgres'
          ? (trx) =>
              sql
                .raw(`SET LOCAL lock_timeout = ${PG_LOCK_TIMEOUT_MS}`)
                .execute(trx)
                .then(() => {})
          : undefined,
    });
    // A lone write outside a transaction (a session's touch) shares the next batch's commit.
    conn.useWriteQueue?.((query) => this.commits.run((trx) => trx.executeQuery(query)));
  }

  /** Connect and migrate. */
  static async open(cfg: DbConfig): Promise<Store> {
    const conn = await connect(cfg);
    await migrateToLatest(conn.db, cfg.dialect === 'postgres' ? (cfg.schema ?? 'public') : undefined);
    return new Store(conn);
  }

  get db(): Kysely<DB> {
    return this.conn.db;
  }

  get dialect(): DbConfig['dialect'] {
    return this.conn.dialect;
  }

  /**
   * Run `fn` in one transaction: everything it writes commits together or not at all, and the
   * promise settles only after that commit (or its failure).
   *
   * Transactions that arrive together share one database transaction and one COMMIT (group
   * commit, groupCommit.ts): each runs in its own savepoint, so one that throws is rolled back
   * alone and fails with its own error; a failed BEGIN or COMMIT fails only that batch.
   *
   * A failed statement or COMMIT is the error that counts, and it is the one thrown. On a full
   * disk or an I/O error SQLite may already have rolled the transaction back, so the ROLLBACK
   * that follows fails too ("cannot rollback - no transaction is active"); letting that second
   * error replace the first would hide the real cause. It rides along on the first as
   * `rollbackError` instead, so a log of the error shows both.
   */
  transaction<T>(fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
    return this.commits.run(fn);
  }

  async getMeta(key: string, ex: Executor = this.db): Promise<string | null> {
    const row = await ex.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value ?? null;
  }

  async setMeta(key: string, value: string, ex: Executor = this.db): Promise<void> {
    await ex
      .insertInto('meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }

  /**
   * For /metrics: transactions waiting for the next group commit, and the connections: the
   * PostgreSQL pool's, or SQLite's writer (busy while a batch runs) and reader.
   */
  stats(): { pending: number; connections: { total: number; idle: number; waiting: number } } {
    const pending = this.commits.pending;
    const connections = this.conn.pool?.() ?? { total: 2, idle: this.commits.busy ? 1 : 2, waiting: pending };
    return { pending, connections };
  }

  /** Close once the transactions already queued have committed. */
  async close(): Promise<void> {
    await this.commits.idle();
    await this.conn.close();
  }
}

export type { WithRollbackError } from './groupCommit.ts';

import { sql, type Kysely, type Transaction } from 'kysely';
import { connect, PG_LOCK_TIMEOUT_MS, type Connection, type DbConfig } from './connect.ts';
import { migrateToLatest } from './migrations.ts';
import type { DB } from './schema.ts';

/** Anything queries run on: the pool or an open transaction. */
export type Executor = Kysely<DB> | Transaction<DB>;

/**
 * The database handle. Repositories are plain functions over an `Executor`, so a command runs
 * several of them inside one transaction.
 */
export class Store {
  private constructor(private readonly conn: Connection) {}

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
   * Run `fn` in one transaction: everything it writes commits together or not at all.
   *
   * A failed statement or COMMIT is the error that counts, and it is the one thrown. On a full
   * disk or an I/O error SQLite may already have rolled the transaction back, so the ROLLBACK
   * that follows fails too ("cannot rollback - no transaction is active"); letting that second
   * error replace the first would hide the real cause. It rides along on the first as
   * `rollbackError` instead, so a log of the error shows both.
   */
  async transaction<T>(fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
    const trx = await this.conn.db.startTransaction().execute();
    let result: T;
    try {
      if (this.conn.dialect === 'postgres') await sql.raw(`SET LOCAL lock_timeout = ${PG_LOCK_TIMEOUT_MS}`).execute(trx);
      result = await fn(trx);
      await trx.commit().execute();
    } catch (err) {
      // Releases the connection even when the ROLLBACK itself fails.
      await trx
        .rollback()
        .execute()
        .catch((rollbackError: unknown) => keepRollbackError(err, rollbackError));
      throw err;
    }
    return result;
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

  close(): Promise<void> {
    return this.conn.close();
  }
}

/** The ROLLBACK failure that followed a failed transaction, kept on the error that caused it. */
export interface WithRollbackError {
  rollbackError?: unknown;
}

function keepRollbackError(err: unknown, rollbackError: unknown): void {
  if (typeof err === 'object' && err !== null && !('rollbackError' in err)) Object.assign(err as WithRollbackError, { rollbackError });
}

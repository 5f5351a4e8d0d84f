import type { Kysely, Transaction } from 'kysely';
import { connect, type Connection, type DbConfig } from './connect.ts';
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

  /** Run `fn` in one transaction: everything it writes commits together or not at all. */
  transaction<T>(fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
    return this.conn.db.transaction().execute(fn);
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

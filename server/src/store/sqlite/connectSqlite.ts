import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import type { Connection } from '../connect.ts';
import type { DB } from '../schema.ts';
import { SplitSqliteDialect, SplitSqliteDriver } from './splitDialect.ts';
import { LocalRunner, WriterThread } from './writerThread.ts';

/**
 * A WAL reader waits only when another connection does something unusual to the file (recovery
 * after a crash, an exclusive locking mode); this thread serves every request, so it waits briefly.
 */
const READER_BUSY_TIMEOUT_MS = 100;

/**
 * Open an SQLite database: the write connection in its own thread, a read connection here. An
 * in-memory database exists only inside its one connection, so ':memory:' keeps both roles on a
 * single connection in this thread (statements run synchronously; the store's group commit still
 * batches the transactions).
 */
export async function connectSqlite(file: string, busyTimeoutMs: number): Promise<Connection> {
  let driver: SplitSqliteDriver;
  if (file === ':memory:') {
    const sqlite = new Database(file);
    sqlite.pragma('foreign_keys = ON');
    driver = new SplitSqliteDriver(new LocalRunner(sqlite), sqlite, false);
  } else {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    // The writer first: it creates the file and puts it in WAL mode, which the reader relies on.
    const writer = await WriterThread.start(file, busyTimeoutMs);
    let reader: Database.Database;
    try {
      reader = new Database(file);
      reader.pragma(`busy_timeout = ${READER_BUSY_TIMEOUT_MS}`);
      // Reads only: a write slipping onto this connection would bypass the writer's batching.
      reader.pragma('query_only = ON');
    } catch (err) {
      await writer.close();
      throw err;
    }
    driver = new SplitSqliteDriver(writer, reader, true);
  }
  const db = new Kysely<DB>({ dialect: new SplitSqliteDialect(driver) });
  return { db, dialect: 'sqlite', useWriteQueue: (queue) => driver.useWriteQueue(queue), close: () => db.destroy() };
}

import type Database from 'better-sqlite3';
import {
  CompiledQuery,
  DeleteQueryNode,
  InsertQueryNode,
  RawNode,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  UpdateQueryNode,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';
import type { StatementRunner } from './writerThread.ts';

/**
 * Where an outside-a-transaction write goes once the store is open: Store's group commit, so it
 * shares a batch (and its fsync) with the transactions queued beside it.
 */
export type WriteQueue = (query: CompiledQuery) => Promise<QueryResult<unknown>>;

/** A FIFO lock: one transaction (or lone statement) at a time on the write connection. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();

  lock(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.tail.then(() => release);
    this.tail = this.tail.then(() => held);
    return acquired;
  }
}

/** Statements a transaction can hold; the rest (PRAGMA, VACUUM, DDL in raw SQL) run alone. */
const batchable = (q: CompiledQuery) => InsertQueryNode.is(q.query) || UpdateQueryNode.is(q.query) || DeleteQueryNode.is(q.query);

/**
 * SQLite with writes and reads on separate connections: every statement of a transaction, and
 * every write, goes to the write connection (a worker thread for a file); a SELECT outside a
 * transaction runs at once on the read connection in this thread. WAL gives the reader the last
 * committed state without ever waiting for the writer, so a write lock held elsewhere slows writes
 * only. With one connection for both (':memory:'), reads outside a transaction see the writes of
 * a batch still in flight: acceptable for the tests that use it, never for a file.
 */
export class SplitSqliteDriver implements Driver {
  private readonly mutex = new Mutex();
  private readonly reads = new Map<string, Database.Statement>();
  private queue: WriteQueue | null = null;

  constructor(
    private readonly writer: StatementRunner,
    private readonly reader: Database.Database,
    private readonly closeReader: boolean,
  ) {}

  /** Send later writes outside a transaction through `queue` (set once the store is open). */
  useWriteQueue(queue: WriteQueue): void {
    this.queue = queue;
  }

  async init(): Promise<void> {}

  acquireConnection(): Promise<DatabaseConnection> {
    return Promise.resolve(new RoutedConnection(this));
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const conn = connection as RoutedConnection;
    const release = await this.mutex.lock();
    try {
      // IMMEDIATE: take the write lock now (waiting busy_timeout in the writer thread), so a
      // statement in the middle never meets SQLITE_BUSY with half the batch done.
      await this.writer.run('BEGIN IMMEDIATE', []);
    } catch (err) {
      release();
      throw err;
    }
    conn.release = release;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await this.writer.run('COMMIT', []);
    (connection as RoutedConnection).end();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await this.writer.run('ROLLBACK', []);
    } finally {
      (connection as RoutedConnection).end();
    }
  }

  async savepoint(_connection: DatabaseConnection, name: string): Promise<void> {
    await this.writer.runNow(`SAVEPOINT "${name}"`, []);
  }

  async rollbackToSavepoint(_connection: DatabaseConnection, name: string): Promise<void> {
    await this.writer.runNow(`ROLLBACK TO SAVEPOINT "${name}"`, []);
  }

  async releaseSavepoint(_connection: DatabaseConnection, name: string): Promise<void> {
    await this.writer.runNow(`RELEASE SAVEPOINT "${name}"`, []);
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    await this.writer.close();
    if (this.closeReader) this.reader.close();
  }

  /** A statement outside any transaction. */
  outside(q: CompiledQuery): Promise<QueryResult<unknown>> {
    if (SelectQueryNode.is(q.query) || (RawNode.is(q.query) && /^\s*select\b/i.test(q.sql))) return this.read(q);
    if (this.queue && batchable(q)) return this.queue(q);
    return this.alone(q);
  }

  /** A statement inside the transaction that holds the writer. */
  inside(q: CompiledQuery): Promise<QueryResult<unknown>> {
    return this.writer.runNow(q.sql, q.parameters);
  }

  private read(q: CompiledQuery): Promise<QueryResult<unknown>> {
    try {
      let stmt = this.reads.get(q.sql);
      if (!stmt) {
        if (this.reads.size >= 500) this.reads.clear();
        stmt = this.reader.prepare(q.sql);
        this.reads.set(q.sql, stmt);
      }
      if (!stmt.reader) throw new Error(`not a query: ${q.sql}`);
      return Promise.resolve({ rows: stmt.all(q.parameters) as Record<string, unknown>[] });
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  /** A write on its own, between transactions (autocommit). */
  private async alone(q: CompiledQuery): Promise<QueryResult<unknown>> {
    const release = await this.mutex.lock();
    try {
      return await this.writer.run(q.sql, q.parameters);
    } finally {
      release();
    }
  }
}

/** One Kysely "connection": routes by whether a transaction is open on it. */
class RoutedConnection implements DatabaseConnection {
  /** Set while this connection's transaction holds the writer. */
  release: (() => void) | null = null;

  constructor(private readonly driver: SplitSqliteDriver) {}

  executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    return (this.release ? this.driver.inside(q) : this.driver.outside(q)) as Promise<QueryResult<R>>;
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on this SQLite driver');
  }

  end(): void {
    const release = this.release;
    this.release = null;
    release?.();
  }
}

/** The Kysely dialect over {@link SplitSqliteDriver}: SQLite's own compiler, adapter and introspector. */
export class SplitSqliteDialect implements Dialect {
  constructor(readonly driver: SplitSqliteDriver) {}

  createDriver(): Driver {
    return this.driver;
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter() {
    return new SqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}

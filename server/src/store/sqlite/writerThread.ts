import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { QueryResult } from 'kysely';
import { writerWorkerUrl } from './workerFile.ts';

/** Runs one SQL statement on a connection: the writer thread, or one in this thread. */
export interface StatementRunner {
  run(sql: string, params: readonly unknown[]): Promise<QueryResult<unknown>>;
  close(): Promise<void>;
}

/** What a statement's answer from writer.worker.mjs holds. */
type Reply =
  | { rows: Record<string, unknown>[] }
  | { changes: number; lastInsertRowid: number | bigint }
  | { error: { name: string; message: string; code?: string } };

/** The worker's error, rebuilt here with its code so storageErrors.ts classifies it as before. */
function rebuilt(e: { name: string; message: string; code?: string }): Error {
  const err = new Error(e.message) as Error & { code?: string };
  err.name = e.name;
  if (e.code !== undefined) err.code = e.code;
  return err;
}

/** Structured cloning turns a BLOB's Buffer into a bare Uint8Array; callers expect a Buffer. */
function withBuffers(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  for (const row of rows)
    for (const key in row) {
      const v = row[key];
      if (v instanceof Uint8Array && !Buffer.isBuffer(v)) row[key] = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    }
  return rows;
}

function toResult(reply: Reply): QueryResult<unknown> {
  if ('error' in reply) throw rebuilt(reply.error);
  if ('rows' in reply) return { rows: withBuffers(reply.rows) };
  return { rows: [], numAffectedRows: BigInt(reply.changes), insertId: BigInt(reply.lastInsertRowid) };
}

/**
 * The SQLite write connection in a worker thread (writer.worker.mjs). Statements run there one
 * at a time in the order sent, so answers come back in that order too: a FIFO of waiters is all
 * the bookkeeping needed.
 */
export class WriterThread implements StatementRunner {
  private readonly waiting: { resolve: (r: Reply) => void; reject: (e: Error) => void }[] = [];
  private stopped: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: Reply) => this.waiting.shift()?.resolve(reply));
    worker.on('error', (err) => this.stop(err));
    worker.on('exit', () => this.stop(new Error('the SQLite writer thread stopped')));
    // Idle, the thread keeps nothing alive; with a statement out, the process waits for its answer.
    worker.unref();
  }

  /** Start the thread on `file` and wait until its connection is open (WAL and all). */
  static async start(file: string, busyTimeoutMs: number): Promise<WriterThread> {
    const worker = new Worker(writerWorkerUrl(), { workerData: { file, busyTimeoutMs } });
    await new Promise<void>((resolve, reject) => {
      worker.once('message', (m: { ready: boolean; error?: { name: string; message: string; code?: string } }) =>
        m.ready ? resolve() : reject(rebuilt(m.error!)),
      );
      worker.once('error', reject);
    });
    return new WriterThread(worker);
  }

  async run(sql: string, params: readonly unknown[]): Promise<QueryResult<unknown>> {
    if (this.stopped) throw this.stopped;
    const reply = await new Promise<Reply>((resolve, reject) => {
      if (this.waiting.length === 0) this.worker.ref();
      this.waiting.push({ resolve, reject });
      this.worker.postMessage({ sql, params });
    });
    if (this.waiting.length === 0) this.worker.unref();
    return toResult(reply);
  }

  async close(): Promise<void> {
    if (this.stopped) return;
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.ref();
    this.worker.postMessage({ close: true });
    await exited;
  }

  private stop(err: Error): void {
    this.stopped ??= err;
    for (const w of this.waiting.splice(0)) w.reject(err);
  }
}

/** A connection in this thread behind the same interface (':memory:', which cannot be shared). */
export class LocalRunner implements StatementRunner {
  constructor(readonly db: Database.Database) {}

  run(sql: string, params: readonly unknown[]): Promise<QueryResult<unknown>> {
    try {
      const stmt = this.db.prepare(sql);
      if (stmt.reader) return Promise.resolve({ rows: stmt.all(params) as Record<string, unknown>[] });
      const { changes, lastInsertRowid } = stmt.run(params);
      return Promise.resolve({ rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) });
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}

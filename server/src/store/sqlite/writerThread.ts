import { deserialize } from 'node:v8';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { QueryResult } from 'kysely';
import { writerWorkerUrl } from './workerFile.ts';

/** Runs one SQL statement on a connection: the writer thread, or one in this thread. */
export interface StatementRunner {
  run(sql: string, params: readonly unknown[]): Promise<QueryResult<unknown>>;
  /**
   * The same for a statement that cannot wait for a lock (inside a transaction that holds the
   * write lock already): may block this thread for as long as the statement itself runs.
   */
  runNow(sql: string, params: readonly unknown[]): Promise<QueryResult<unknown>>;
  close(): Promise<void>;
}

/** How long a statement inside a transaction may keep this thread waiting before the writer is given up. */
const SYNC_ANSWER_MS = 30_000;
/** Room for a synchronous answer in memory shared with the writer; a larger one (a photo's bytes) comes by the port. */
const SYNC_ANSWER_BYTES = 1 << 20;

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
  private syncSeq = 0;

  private constructor(
    private readonly worker: Worker,
    private readonly answered: Int32Array,
    private readonly answerBytes: Uint8Array,
    private readonly syncPort: MessagePort,
  ) {
    worker.on('message', (reply: Reply) => this.waiting.shift()?.resolve(reply));
    worker.on('error', (err) => this.stop(err));
    worker.on('exit', () => this.stop(new Error('the SQLite writer thread stopped')));
    // Idle, the thread keeps nothing alive; with a statement out, the process waits for its answer.
    worker.unref();
  }

  /** Start the thread on `file` and wait until its connection is open (WAL and all). */
  static async start(file: string, busyTimeoutMs: number): Promise<WriterThread> {
    const signal = new SharedArrayBuffer(8 + SYNC_ANSWER_BYTES);
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(writerWorkerUrl(), {
      workerData: { file, busyTimeoutMs, signal, syncPort: port2 },
      transferList: [port2],
    });
    await new Promise<void>((resolve, reject) => {
      worker.once('message', (m: { ready: boolean; error?: { name: string; message: string; code?: string } }) =>
        m.ready ? resolve() : reject(rebuilt(m.error!)),
      );
      worker.once('error', reject);
    });
    return new WriterThread(worker, new Int32Array(signal, 0, 2), new Uint8Array(signal, 8), port1);
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

  /**
   * Wait for the answer without going round the event loop: inside a transaction a statement
   * takes microseconds, and a batch of reports makes several each, so the hop through the event
   * loop (behind every HTTP request being parsed) would dominate. Only BEGIN and COMMIT, which
   * wait for a lock or an fsync, need {@link run}.
   */
  runNow(sql: string, params: readonly unknown[]): Promise<QueryResult<unknown>> {
    if (this.stopped) return Promise.reject(this.stopped);
    // An answer still owed on the other channel would arrive after this one: keep the order.
    if (this.waiting.length) return this.run(sql, params);
    const seq = ++this.syncSeq;
    Atomics.store(this.answered, 0, 0);
    this.worker.postMessage({ sql, params, sync: seq });
    const deadline = performance.now() + SYNC_ANSWER_MS;
    // Sleep (no CPU) until the writer says where the answer is: in the shared buffer, or, when
    // too large for it, on the port, where it may show a moment after the flag.
    while (Atomics.load(this.answered, 0) === 0) {
      const left = deadline - performance.now();
      if (left <= 0 || Atomics.wait(this.answered, 0, 0, left) === 'timed-out') return this.giveUp();
    }
    let answer: (Reply & { seq: number }) | undefined;
    if (Atomics.load(this.answered, 0) === 1) {
      answer = deserialize(Buffer.from(this.answerBytes.subarray(0, Atomics.load(this.answered, 1)))) as Reply & { seq: number };
    } else {
      while (!answer || answer.seq !== seq) {
        answer = (receiveMessageOnPort(this.syncPort) as { message: Reply & { seq: number } } | undefined)?.message;
        if (!answer && performance.now() > deadline) return this.giveUp();
      }
    }
    if (answer.seq !== seq) return this.giveUp();
    try {
      return Promise.resolve(toResult(answer));
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  /** The writer did not answer a synchronous statement in time: it is given up (every later statement fails too). */
  private giveUp(): Promise<never> {
    const err = new Error(`the SQLite writer thread did not answer within ${SYNC_ANSWER_MS} ms`);
    this.stop(err);
    return Promise.reject(err);
  }

  async close(): Promise<void> {
    if (this.stopped) return;
    this.syncPort.close();
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

  runNow(sql: string, params: readonly unknown[]): Promise<QueryResult<unknown>> {
    return this.run(sql, params);
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}

// The SQLite write connection, in a worker thread of its own (see writerThread.ts for the other
// side). Plain JavaScript so that it loads unchanged under tsx, vitest and beside a compiled
// bundle. It runs one statement per message, in the order they arrive, and answers each with its
// rows or its error: the main thread decides what is a transaction, a savepoint or a commit.
//
// Why a thread: better-sqlite3 waits synchronously, for the fsync of a COMMIT (synchronous=FULL)
// as for another process's write lock (busy_timeout). Here that wait blocks only this thread; the
// event loop keeps serving reads and the health check meanwhile.
import { serialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, busyTimeoutMs, signal, syncPort } = workerData;
/**
 * A synchronous request's answer (see WriterThread.runNow): [0] is 1 once it is in the shared
 * buffer after the header (its length in [1]), 2 once it is on `syncPort` instead (too large).
 */
const answered = new Int32Array(signal, 0, 2);
const answerBytes = new Uint8Array(signal, 8);

/** Prepared statements by SQL text, bounded: Kysely sends the same few hundred texts again and again. */
const prepared = new Map();
const MAX_PREPARED = 500;

function statement(db, text) {
  let stmt = prepared.get(text);
  if (!stmt) {
    if (prepared.size >= MAX_PREPARED) prepared.clear();
    stmt = db.prepare(text);
    prepared.set(text, stmt);
  }
  return stmt;
}

/** What the main thread needs to classify an error (storageErrors.ts reads `code`). */
function plainError(err) {
  return { name: err?.name ?? 'Error', message: String(err?.message ?? err), code: typeof err?.code === 'string' ? err.code : undefined };
}

let db;
try {
  db = new Database(file);
  // WAL so the main thread's read connection never waits for this one; FULL so a write
  // acknowledged after its COMMIT survives a power cut.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Another process holding the write lock: wait for it, but only this long (this thread alone
  // waits); then the statement fails with SQLITE_BUSY and its requests answer 503.
  db.pragma(`busy_timeout = ${Number(busyTimeoutMs)}`);
  parentPort.postMessage({ ready: true });
} catch (err) {
  parentPort.postMessage({ ready: false, error: plainError(err) });
  process.exit(1);
}

parentPort.on('message', (msg) => {
  if (msg.close) {
    db.close();
    parentPort.close();
    return;
  }
  const reply = execute(msg);
  if (!msg.sync) {
    parentPort.postMessage(reply);
    return;
  }
  const answer = { ...reply, seq: msg.sync };
  const bytes = serialize(answer);
  if (bytes.length <= answerBytes.length) {
    answerBytes.set(bytes);
    Atomics.store(answered, 1, bytes.length);
    Atomics.store(answered, 0, 1);
  } else {
    syncPort.postMessage(answer);
    Atomics.store(answered, 0, 2);
  }
  Atomics.notify(answered, 0);
});

function execute(msg) {
  try {
    const stmt = statement(db, msg.sql);
    if (stmt.reader) return { rows: stmt.all(msg.params) };
    const { changes, lastInsertRowid } = stmt.run(msg.params);
    return { changes, lastInsertRowid };
  } catch (err) {
    // A statement that failed to prepare is not cached; one that failed to run stays valid.
    return { error: plainError(err) };
  }
}

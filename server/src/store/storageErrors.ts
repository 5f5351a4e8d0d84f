/**
 * Driver errors that mean "the database cannot serve now" rather than "this request is wrong":
 * a full disk, a read-only file, a lock held elsewhere, a server that refuses or drops
 * connections. Both drivers are classified here, in one place, so every caller (HTTP answers,
 * the health check, logs) names the same cause the same way.
 */

/** A storage failure in words an operator acts on. */
export interface StorageFault {
  /** The driver's own code: SQLITE_FULL, 53300, ECONNREFUSED, … */
  code: string;
  /** What is wrong: "disk full", "database is locked", … */
  reason: string;
  /** When a retry may succeed: soon for a lock, later for a full disk. */
  retryAfterSeconds: number;
}

type Cause = Omit<StorageFault, 'code'>;

const fault = (reason: string, retryAfterSeconds: number): Cause => ({ reason, retryAfterSeconds });

const DISK_FULL = fault('disk full', 60);
const READ_ONLY = fault('database is read-only', 60);
const LOCKED = fault('database is locked', 2);
const IO_ERROR = fault('disk I/O error', 30);

/** SQLite primary result codes; extended codes (SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT) share their meaning. */
const SQLITE: Record<string, Cause> = {
  SQLITE_FULL: DISK_FULL,
  SQLITE_READONLY: READ_ONLY,
  SQLITE_BUSY: LOCKED,
  SQLITE_LOCKED: LOCKED,
  SQLITE_IOERR: IO_ERROR,
  SQLITE_CANTOPEN: fault('cannot open the database file', 30),
};

/** PostgreSQL SQLSTATEs and socket errors, by exact code. */
const BY_CODE: Record<string, Cause> = {
  '53100': DISK_FULL,
  '53200': fault('database server out of memory', 30),
  '53300': fault('too many connections to the database', 5),
  '57P01': fault('database server shutting down', 5),
  '57P02': fault('database server crashed', 5),
  '57P03': fault('database server not accepting connections yet', 5),
  '40001': fault('serialization failure (concurrent update), retry', 1),
  '40P01': fault('deadlock detected, retry', 1),
  '55P03': LOCKED,
  '25006': READ_ONLY,
  '08000': fault('database connection failed', 5),
  '08001': fault('database connection failed', 5),
  '08003': fault('database connection lost', 5),
  '08006': fault('database connection lost', 5),
  ECONNREFUSED: fault('connection refused', 5),
  ECONNRESET: fault('connection reset', 5),
  ETIMEDOUT: fault('connection timed out', 5),
  EHOSTUNREACH: fault('host unreachable', 5),
  ENETUNREACH: fault('network unreachable', 5),
  EPIPE: fault('connection lost', 5),
  ENOSPC: DISK_FULL,
  EROFS: READ_ONLY,
  EIO: IO_ERROR,
};

/** node-postgres reports some connection failures by message alone. */
const BY_MESSAGE: [RegExp, string, Cause][] = [
  [/^Connection terminated/, 'connection-terminated', fault('database connection lost', 5)],
  [/timeout exceeded when trying to connect/, 'pool-timeout', fault('no database connection free in time', 5)],
  [/not queryable/, 'connection-broken', fault('database connection lost', 5)],
];

function classifyOne(err: unknown): StorageFault | null {
  if (typeof err !== 'object' || err === null) return null;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (code.startsWith('SQLITE_')) {
      const primary = Object.keys(SQLITE).find((p) => code === p || code.startsWith(`${p}_`));
      if (primary) return { code, ...SQLITE[primary]! };
    }
    const known = BY_CODE[code];
    if (known) return { code, ...known };
  }
  if (typeof message === 'string') {
    for (const [re, name, cause] of BY_MESSAGE) if (re.test(message)) return { code: name, ...cause };
  }
  return null;
}

/**
 * The storage failure behind `err`, looking through `cause` chains and AggregateErrors (a
 * connection attempt to several addresses fails with one); null for anything else, which stays
 * a plain server error.
 */
export function classifyStorageError(err: unknown, depth = 0): StorageFault | null {
  if (depth > 4 || typeof err !== 'object' || err === null) return null;
  const direct = classifyOne(err);
  if (direct) return direct;
  const { cause, errors } = err as { cause?: unknown; errors?: unknown };
  const inner = classifyStorageError(cause, depth + 1);
  if (inner) return inner;
  if (Array.isArray(errors))
    for (const e of errors) {
      const f = classifyStorageError(e, depth + 1);
      if (f) return f;
    }
  return null;
}

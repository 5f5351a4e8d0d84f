import type { ControlledTransaction, Kysely, Transaction } from 'kysely';
import type { DB } from './schema.ts';

/** The most transactions one commit holds: a bound on how long the last of them waits for it. */
export const MAX_BATCH = 64;

const SAVEPOINT = 'sc_request';

interface Job {
  fn: (trx: Transaction<DB>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/** How one transaction of a batch ended, told to its caller once the batch has. */
type Outcome = { job: Job; ok: true; value: unknown } | { job: Job; ok: false; err: unknown };

/** Thrown to a request whose own work succeeded but whose batch did not commit. */
export class BatchFailedError extends Error {
  constructor(cause: unknown) {
    super(`the transaction this request shared failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'BatchFailedError';
  }
}

/** Callbacks waiting for the end of the batch whose transaction is the key. */
const batchEnds = new WeakMap<object, (() => void)[]>();

/**
 * Run `cb` once what `ex` wrote is settled: at the end of its batch (committed or rolled back)
 * when `ex` is a transaction of {@link GroupCommit}, at once otherwise. For dropping a cache
 * entry: dropped before the commit, a concurrent read could cache the old row again.
 */
export function afterCommit(ex: object, cb: () => void): void {
  const waiting = batchEnds.get(ex);
  if (waiting) waiting.push(cb);
  else cb();
}

/** The ROLLBACK failure that followed a failed transaction, kept on the error that caused it. */
export interface WithRollbackError {
  rollbackError?: unknown;
}

export function keepRollbackError(err: unknown, rollbackError: unknown): void {
  if (typeof err === 'object' && err !== null && !('rollbackError' in err)) Object.assign(err as WithRollbackError, { rollbackError });
}

/**
 * Group commit: transactions queued together run as savepoints of one database transaction and
 * share its COMMIT (one fsync for the batch). Each is answered only after that COMMIT; one that
 * throws is rolled back to its savepoint and fails alone, with its own error; a BEGIN or COMMIT
 * that fails fails the batch's requests and no others.
 *
 * A batch is whatever queued while the previous one ran, never a timer: alone, a transaction
 * starts at once; under load, batches grow by themselves while a commit is in flight.
 */
export class GroupCommit {
  private readonly queue: Job[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly opts: { afterBegin?: (trx: Transaction<DB>) => Promise<void>; maxBatch?: number } = {},
  ) {}

  run<T>(fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      // Started after this tick, so transactions submitted together share the first batch too.
      this.running ??= Promise.resolve().then(() => this.drain());
    });
  }

  /** Transactions queued for the next batch (not the one running). */
  get pending(): number {
    return this.queue.length;
  }

  /** A batch is running now. */
  get busy(): boolean {
    return this.running !== null;
  }

  /** Resolves once nothing is queued or running (before closing the connection). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length) await this.runBatch(this.queue.splice(0, this.opts.maxBatch ?? MAX_BATCH));
    } finally {
      this.running = null;
    }
  }

  private async runBatch(batch: Job[]): Promise<void> {
    let trx: ControlledTransaction<DB> | null = null;
    try {
      trx = await this.db.startTransaction().execute();
      await this.opts.afterBegin?.(trx);
    } catch (err) {
      if (trx)
        await trx
          .rollback()
          .execute()
          .catch((rollbackError: unknown) => keepRollbackError(err, rollbackError));
      // What queued meanwhile waited on the same refusal (a write lock held elsewhere, no free
      // connection): it fails now rather than wait as long again.
      for (const job of [...batch, ...this.queue.splice(0)]) job.reject(err);
      return;
    }
    const ends: (() => void)[] = [];
    batchEnds.set(trx, ends);
    try {
      await this.runJobs(trx, batch);
    } finally {
      batchEnds.delete(trx);
      for (const cb of ends) cb();
    }
  }

  private async runJobs(trx: ControlledTransaction<DB>, batch: Job[]): Promise<void> {
    const outcomes: Outcome[] = [];
    let broken: unknown = null;
    let next = 0;
    while (next < batch.length && broken === null) {
      const job = batch[next++]!;
      const outcome = await this.runOne(trx, job);
      outcomes.push(outcome.result);
      broken = outcome.broken;
    }
    if (broken !== null) {
      // The transaction itself is gone (SQLite rolls back the whole of it on some I/O errors, a
      // PostgreSQL connection drops): nothing of it commits, so its successes fail too; the
      // transactions not yet run go first into the next batch.
      await trx
        .rollback()
        .execute()
        .catch((rollbackError: unknown) => keepRollbackError(broken, rollbackError));
      this.queue.unshift(...batch.slice(next));
      settle(outcomes, (o) => (o.ok ? { job: o.job, ok: false, err: new BatchFailedError(broken) } : o));
      return;
    }
    try {
      // A batch where everything failed has nothing to make durable.
      if (outcomes.some((o) => o.ok)) await trx.commit().execute();
      else await trx.rollback().execute();
    } catch (err) {
      await trx
        .rollback()
        .execute()
        .catch((rollbackError: unknown) => keepRollbackError(err, rollbackError));
      settle(outcomes, (o) => (o.ok ? { job: o.job, ok: false, err } : o));
      return;
    }
    settle(outcomes, (o) => o);
  }

  /** One transaction as a savepoint; `broken` when the batch's transaction cannot go on. */
  private async runOne(trx: ControlledTransaction<DB>, job: Job): Promise<{ result: Outcome; broken: unknown }> {
    let sp: ControlledTransaction<DB, [typeof SAVEPOINT]>;
    try {
      sp = await trx.savepoint(SAVEPOINT).execute();
    } catch (err) {
      return { result: { job, ok: false, err }, broken: err };
    }
    let value: unknown;
    try {
      value = await job.fn(trx);
    } catch (err) {
      try {
        await sp.rollbackToSavepoint(SAVEPOINT).execute();
        await sp.releaseSavepoint(SAVEPOINT).execute();
      } catch (rollbackError) {
        // The error that counts is the request's own; the failed rollback rides along on it.
        keepRollbackError(err, rollbackError);
        return { result: { job, ok: false, err }, broken: err };
      }
      return { result: { job, ok: false, err }, broken: null };
    }
    try {
      await sp.releaseSavepoint(SAVEPOINT).execute();
    } catch (err) {
      return { result: { job, ok: false, err }, broken: err };
    }
    return { result: { job, ok: true, value }, broken: null };
  }
}

/**
 * Answer every request of a batch, in batch order (so events are published in sequence order),
 * failures included: a request that failed and then reads what a neighbour committed (a retried
 * report finding its case) must find it committed.
 */
function settle(outcomes: Outcome[], final: (o: Outcome) => Outcome): void {
  for (const o of outcomes.map(final)) {
    if (o.ok) o.job.resolve(o.value);
    else o.job.reject(o.err);
  }
}

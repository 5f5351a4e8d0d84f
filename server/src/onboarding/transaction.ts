import type { Transaction } from 'kysely';
import type { Problem } from '@streetchief/shared/onboarding/index';
import { bumpReferenceVersion } from '../store/referenceRepo.ts';
import type { DB } from '../store/schema.ts';
import type { Store } from '../store/store.ts';

/** An import's answer: what it changed (or, on a dry run, would change), or every problem. */
export type ImportOutcome<S> =
  { ok: true; dryRun: boolean; summary: S & { referenceVersion: number } } | { ok: false; problems: Problem[] };

/** Thrown to roll the transaction back; carries the answer out of it. */
class Rollback<T> extends Error {
  constructor(readonly outcome: T) {
    super('rolled back');
  }
}

/**
 * Run an import's checks and writes in one transaction: `fn` reads what it checks against (the
 * departments a class names, the grids staff belong to) and writes, all or nothing. Problems roll
 * everything back. A dry run does every write too, so its summary is exactly what the import would
 * do, and then rolls back. A committed import counts one more reference version.
 */
export async function importInTransaction<S>(
  store: Store,
  dryRun: boolean,
  fn: (trx: Transaction<DB>) => Promise<{ ok: true; summary: S } | { ok: false; problems: Problem[] }>,
): Promise<ImportOutcome<S>> {
  try {
    return await store.transaction(async (trx) => {
      const r = await fn(trx);
      if (!r.ok) throw new Rollback<ImportOutcome<S>>(r);
      const referenceVersion = await bumpReferenceVersion(trx);
      const outcome: ImportOutcome<S> = { ok: true, dryRun, summary: { ...r.summary, referenceVersion } };
      if (dryRun) throw new Rollback(outcome);
      return outcome;
    });
  } catch (err) {
    if (err instanceof Rollback) return err.outcome as ImportOutcome<S>;
    throw err;
  }
}

import { PUBLISHED_PASSWORDS } from '@streetchief/shared/admin/index';
import type { Logger } from 'pino';
import { verifyPassword } from '../auth/password.ts';
import type { Store } from '../store/store.ts';
import { markVetted, unvettedActiveAccounts } from '../store/userRepo.ts';

/** How long the production start may spend checking passwords before it gives up (and says so). */
export const GUARD_TIMEOUT_MS = 60_000;
/** Checks at a time: scrypt runs on libuv's thread pool, four threads unless UV_THREADPOOL_SIZE says more. */
const CONCURRENCY = Math.max(1, Number(process.env.UV_THREADPOOL_SIZE) || 4);
/** Usernames named in the refusal before "and N more". */
const NAMED = 50;

/** Why the production start stopped: printed as it is. */
export class ProductionRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProductionRefusal';
  }
}

export interface GuardResult {
  /** Accounts whose hash was verified against every published password this time. */
  checked: number;
  /** Usernames of enabled accounts that still have a published password. */
  published: string[];
  /** Accounts not reached before the deadline. */
  unchecked: number;
}

/**
 * Check every enabled account whose password is not yet known to be unpublished against the
 * published passwords (the demo's), several at a time, until `deadline`. Accounts found clean are
 * remembered (`password_vetted`), so the next start checks only what changed; a password set
 * through the policy (admin screen, command line) is vetted when set and never checked here.
 */
export async function findPublishedPasswords(store: Store, timeoutMs = GUARD_TIMEOUT_MS): Promise<GuardResult> {
  const deadline = Date.now() + timeoutMs;
  const accounts = await unvettedActiveAccounts(store.db);
  const published: string[] = [];
  const clean: { id: string; passwordHash: string }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < accounts.length && Date.now() < deadline) {
      const a = accounts[next++]!;
      let hit = false;
      for (const pw of PUBLISHED_PASSWORDS) if (await verifyPassword(pw, a.passwordHash)) hit = true;
      if (hit) published.push(a.username);
      else clean.push(a);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, accounts.length) }, worker));
  await markVetted(store.db, clean);
  published.sort();
  return { checked: published.length + clean.length, published, unchecked: accounts.length - published.length - clean.length };
}

/** Refuse the production start while an enabled account has a published password, naming them. */
export async function refusePublishedPasswords(store: Store, log: Logger, timeoutMs = GUARD_TIMEOUT_MS): Promise<void> {
  const t0 = Date.now();
  const r = await findPublishedPasswords(store, timeoutMs);
  log.info({ checked: r.checked, ms: Date.now() - t0 }, 'production start: account passwords checked against the published ones');
  if (r.published.length > 0) {
    const names = r.published.slice(0, NAMED).join(', ') + (r.published.length > NAMED ? ` and ${r.published.length - NAMED} more` : '');
    throw new ProductionRefusal(
      `refusing to start with NODE_ENV=production: ${r.published.length} enabled account(s) still have a published demo password ` +
        `(${PUBLISHED_PASSWORDS.join(', ')}): ${names}. A demo database is not a live one: start the district on an empty ` +
        `database (SEED=none), or give each of these accounts its own password with \`npm run cli -- reset-password --username NAME\`.`,
    );
  }
  if (r.unchecked > 0)
    throw new ProductionRefusal(
      `refusing to start with NODE_ENV=production: ${r.unchecked} account(s) could not be checked against the published demo ` +
        `passwords within ${Math.round(timeoutMs / 1000)} s. The ${r.checked} checked are remembered: start again to go on.`,
    );
}

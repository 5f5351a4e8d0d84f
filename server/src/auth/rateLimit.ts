import type { Logger } from 'pino';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
// The package's index loads every store it supports (Mongo, MySQL, DynamoDB, etcd, …), a good part
// of a start (issue 11); these are the files of the classes used here (types: rateLimiterParts.d.ts).
import RateLimiterMemory from 'rate-limiter-flexible/lib/RateLimiterMemory.js';
import RateLimiterRes from 'rate-limiter-flexible/lib/RateLimiterRes.js';

/** At most `points` failed sign-ins per key in a fixed window of `seconds` from the first one. */
export interface Limit {
  points: number;
  seconds: number;
}

/** The sign-in limits; see SIGN_IN_LIMITS for the reasons behind each. */
export interface SignInLimits {
  accountAddress: Limit;
  address: Limit;
  account: Limit;
  /** How long a successful sign-in makes its address known for that account. */
  knownAddressSeconds: number;
}

/**
 * - per account and address: a person mistyping their own password; forgiven by a successful
 *   sign-in from there.
 * - per address, across accounts: password spraying (one common password tried on many accounts)
 *   from one address. Never forgiven by a success, so an attacker holding one valid account cannot
 *   clear it by signing in between guesses; a success only hands back the point it reserved itself.
 * - per account, across addresses: slow guessing of one account from many addresses. Such a limit
 *   is also a way to lock a real user out (fail 50 times from anywhere and the account is shut), so
 *   it does not apply from an address where that account signed in successfully in the last
 *   14 days: the user at their usual desk, phone network or command centre still gets in, while a
 *   guesser on fresh addresses gets 50 tries an hour in all. The price: a real user on a new address
 *   during such an attack waits up to an hour (the answer says how long).
 */
export const SIGN_IN_LIMITS: SignInLimits = {
  accountAddress: { points: 10, seconds: 15 * 60 },
  address: { points: 20, seconds: 15 * 60 },
  account: { points: 50, seconds: 60 * 60 },
  knownAddressSeconds: 14 * 24 * 3600,
};

/** The answer to "may this address try a password for this account now?". */
export type Admission =
  /** Go ahead; call `succeeded` if the password was right (a wrong one stays counted). */
  | { ok: true; succeeded: () => Promise<void> }
  /** Refused without looking at the password; `scope` says which limit was reached. */
  | { ok: false; retryAfterMs: number; scope: 'account-address' | 'address' | 'account' };

/**
 * Limits failed sign-ins, against password guessing. With Redis the counts are shared by every
 * node, so a second node is no second chance.
 */
export interface RateLimiter {
  /**
   * Reserve one attempt before the password is checked. Reserving first (an atomic count) rather
   * than reading the counts and adding a failure afterwards means a burst of parallel guesses is
   * counted as it arrives, instead of every one of them passing a check made before any failed.
   */
  admit(username: string, address: string): Promise<Admission>;
  close(): Promise<void>;
}

type MakeLimiter = (name: string, limit: Limit) => RateLimiterAbstract;

type Taken = { taken: RateLimiterRes; refused?: never } | { refused: RateLimiterRes; taken?: never };

/** Consume one point. rate-limiter-flexible rejects with its result at the limit, and with an Error when the store fails. */
async function take(limiter: RateLimiterAbstract, key: string): Promise<Taken> {
  try {
    return { taken: await limiter.consume(key) };
  } catch (err) {
    if (err instanceof RateLimiterRes) return { refused: err };
    throw err;
  }
}

/** A point taken by `consume`, to hand back after a success, unless its window has ended meanwhile. */
class Reservation {
  private readonly windowEnd: number;
  constructor(
    private readonly limiter: RateLimiterAbstract,
    private readonly key: string,
    res: RateLimiterRes,
  ) {
    this.windowEnd = Date.now() + res.msBeforeNext;
  }
  async release(): Promise<void> {
    // A refund landing in the next window would start it below zero: a free guess.
    if (Date.now() < this.windowEnd - 50) await this.limiter.reward(this.key, 1);
  }
}

/** The limits of SIGN_IN_LIMITS on rate-limiter-flexible, in memory (one node) or in Redis (all nodes). */
export class SignInLimiter implements RateLimiter {
  private readonly byAccountAddress: RateLimiterAbstract;
  private readonly byAddress: RateLimiterAbstract;
  private readonly byAccount: RateLimiterAbstract;
  /** Account and address pairs that signed in successfully (a key-value store with expiry). */
  private readonly known: RateLimiterAbstract;

  private constructor(
    make: MakeLimiter,
    limits: SignInLimits,
    private readonly onClose: () => Promise<void>,
  ) {
    this.byAccountAddress = make('signin-fail-account-address', limits.accountAddress);
    this.byAddress = make('signin-fail-address', limits.address);
    this.byAccount = make('signin-fail-account', limits.account);
    this.known = make('signin-known-address', { points: 1, seconds: limits.knownAddressSeconds });
  }

  /** Counts in this process: a single node. */
  static memory(limits: SignInLimits = SIGN_IN_LIMITS): SignInLimiter {
    return new SignInLimiter(
      (name, l) => new RateLimiterMemory({ keyPrefix: name, points: l.points, duration: l.seconds }),
      limits,
      async () => {},
    );
  }

  /** Counts in Redis under `prefix`, shared by every node; while Redis is unreachable each node counts in memory. */
  static async connect(url: string, prefix: string, log?: Logger, limits: SignInLimits = SIGN_IN_LIMITS): Promise<SignInLimiter> {
    // Loaded here, not at the top: a single node never needs them (start time, issue 11).
    const { createClient } = await import('redis');
    const { default: RateLimiterRedis } = await import('rate-limiter-flexible/lib/RateLimiterRedis.js');
    // Without the offline queue a command fails at once while Redis is away, and the in-memory
    // insurance counts instead, rather than the sign-in hanging until Redis returns.
    const client = createClient({ url, disableOfflineQueue: true });
    let down = false;
    client.on('error', (err: unknown) => {
      if (!down) log?.warn({ err }, 'sign-in limits: Redis unreachable, counting on this node until it is back');
      down = true;
    });
    client.on('ready', () => (down = false));
    await client.connect();
    const make: MakeLimiter = (name, l) =>
      new RateLimiterRedis({
        storeClient: client,
        useRedisPackage: true,
        rejectIfRedisNotReady: true,
        keyPrefix: prefix + name,
        points: l.points,
        duration: l.seconds,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points: l.points, duration: l.seconds }),
      });
    return new SignInLimiter(make, limits, async () => {
      await client.close().catch(() => client.destroy());
    });
  }

  async admit(username: string, address: string): Promise<Admission> {
    // Usernames are free text: encoded, they cannot run into the address part of the key.
    const account = encodeURIComponent(username);
    const pair = `${account}@${address}`;
    const [onPairTaken, onAddressTaken] = await Promise.all([take(this.byAccountAddress, pair), take(this.byAddress, address)]);
    if (onPairTaken.refused || onAddressTaken.refused) {
      // Refused attempts stay counted here: they only prolong this address's own wait. They
      // never reach the account limit, so one blocked address cannot lock the account elsewhere.
      const wait = Math.max(onPairTaken.refused?.msBeforeNext ?? 0, onAddressTaken.refused?.msBeforeNext ?? 0);
      return { ok: false, retryAfterMs: wait, scope: onAddressTaken.refused ? 'address' : 'account-address' };
    }
    const onAddress = new Reservation(this.byAddress, address, onAddressTaken.taken);
    const onPair = new Reservation(this.byAccountAddress, pair, onPairTaken.taken);
    let onAccount: Reservation | null = null;
    if (!(await this.known.get(pair))) {
      const onAccountTaken = await take(this.byAccount, account);
      if (onAccountTaken.refused) {
        // No password was tried, so this attempt does not count against the address either.
        await Promise.all([onAddress.release(), onPair.release()]);
        return { ok: false, retryAfterMs: onAccountTaken.refused.msBeforeNext, scope: 'account' };
      }
      onAccount = new Reservation(this.byAccount, account, onAccountTaken.taken);
    }
    return {
      ok: true,
      succeeded: async () => {
        await Promise.all([
          onAddress.release(),
          onAccount?.release(),
          this.byAccountAddress.delete(pair),
          this.known.set(pair, 1, this.known.duration),
        ]);
      },
    };
  }

  async close(): Promise<void> {
    await this.onClose();
  }
}

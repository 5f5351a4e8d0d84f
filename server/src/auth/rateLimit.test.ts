import net from 'node:net';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL } from '../testing/services.ts';
import { deleteRedisPrefix, redisAvailable } from '../testing/redis.ts';
import { SignInLimiter, type Admission, type SignInLimits } from './rateLimit.ts';

const up = await redisAvailable();
const prefix = `sc-rl-test-${process.pid}-${Date.now()}:`;

/** Small limits and one-second windows, so a test sees a window end. */
const LIMITS: SignInLimits = {
  accountAddress: { points: 3, seconds: 1 },
  address: { points: 5, seconds: 1 },
  account: { points: 8, seconds: 1 },
  knownAddressSeconds: 60,
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ok = (a: Admission) => a.ok;
const refusedBy = (a: Admission) => (a.ok ? null : a.scope);

describe('sign-in limiter in memory', () => {
  it('counts failures per account and address within the window, starts again after it, and forgives them on success', async () => {
    const l = SignInLimiter.memory(LIMITS);
    for (let i = 0; i < 3; i++) expect(ok(await l.admit('u', '192.0.2.1'))).toBe(true);
    const fourth = await l.admit('u', '192.0.2.1');
    expect(refusedBy(fourth)).toBe('account-address');
    if (!fourth.ok) expect(fourth.retryAfterMs).toBeGreaterThan(0);
    if (!fourth.ok) expect(fourth.retryAfterMs).toBeLessThanOrEqual(1000);
    // Another account from the same address is not held by u's count.
    expect(ok(await l.admit('other', '192.0.2.1'))).toBe(true);
    await sleep(1100);
    const again = await l.admit('u', '192.0.2.1');
    expect(ok(again)).toBe(true);
    if (again.ok) await again.succeeded();
    // The success forgave u's mistakes here: three more tries before a refusal.
    for (let i = 0; i < 3; i++) expect(ok(await l.admit('u', '192.0.2.1'))).toBe(true);
    expect(refusedBy(await l.admit('u', '192.0.2.1'))).toBe('account-address');
  });

  it('limits one address across accounts, and a success there does not reopen it', async () => {
    const l = SignInLimiter.memory(LIMITS);
    for (let i = 0; i < 4; i++) expect(ok(await l.admit(`acct${i}`, '192.0.2.2'))).toBe(true);
    // The attacker's own valid account signs in: it hands back only the point it took itself.
    const own = await l.admit('mine', '192.0.2.2');
    expect(ok(own)).toBe(true);
    if (own.ok) await own.succeeded();
    expect(ok(await l.admit('acct4', '192.0.2.2'))).toBe(true); // fifth failure
    expect(refusedBy(await l.admit('acct5', '192.0.2.2'))).toBe('address');
    expect(refusedBy(await l.admit('mine', '192.0.2.2'))).toBe('address');
    // Another address is unaffected.
    expect(ok(await l.admit('acct5', '192.0.2.3'))).toBe(true);
  });

  it('limits one account across addresses, except from an address it signed in from', async () => {
    const l = SignInLimiter.memory(LIMITS);
    const home = await l.admit('v', '198.51.100.1');
    if (home.ok) await home.succeeded();
    for (let i = 0; i < 8; i++) expect(ok(await l.admit('v', `203.0.113.${i}`))).toBe(true);
    expect(refusedBy(await l.admit('v', '203.0.113.99'))).toBe('account');
    expect(ok(await l.admit('v', '198.51.100.1'))).toBe(true);
    // A refusal by the account limit costs the address nothing: it tried no password.
    for (let i = 0; i < 5; i++) expect(ok(await l.admit(`w${i}`, '203.0.113.99'))).toBe(true);
  });
});

describe.skipIf(!up)('sign-in limiter in Redis (skipped only outside CI when Redis is unreachable)', () => {
  afterAll(() => deleteRedisPrefix(prefix));

  it('two nodes share one count under the prefix, and the window expires', async () => {
    const a = await SignInLimiter.connect(TEST_REDIS_URL, prefix, undefined, LIMITS);
    const b = await SignInLimiter.connect(TEST_REDIS_URL, prefix, undefined, LIMITS);
    try {
      expect(ok(await a.admit('x', '192.0.2.9'))).toBe(true);
      expect(ok(await b.admit('x', '192.0.2.9'))).toBe(true);
      expect(ok(await a.admit('x', '192.0.2.9'))).toBe(true);
      const refused = await b.admit('x', '192.0.2.9');
      expect(refusedBy(refused)).toBe('account-address');
      if (!refused.ok) expect(refused.retryAfterMs).toBeLessThanOrEqual(1000);
      // Spraying from one address across both nodes: the fifth failure is the last.
      expect(ok(await b.admit('y', '192.0.2.10'))).toBe(true);
      for (let i = 0; i < 4; i++) expect(ok(await (i % 2 ? a : b).admit(`z${i}`, '192.0.2.10'))).toBe(true);
      expect(refusedBy(await a.admit('y', '192.0.2.10'))).toBe('address');

      const client = createClient({ url: TEST_REDIS_URL });
      await client.connect();
      const keys = await client.keys(`${prefix}*`);
      await client.quit();
      expect(keys).toContain(`${prefix}signin-fail-address:192.0.2.10`);
      expect(keys).toContain(`${prefix}signin-fail-account-address:x@192.0.2.9`);

      await sleep(1100);
      const after = await a.admit('x', '192.0.2.9');
      expect(ok(after)).toBe(true);
      if (after.ok) await after.succeeded();
      // b sees the success a recorded: x is known at this address and its mistakes forgiven.
      for (let i = 0; i < 3; i++) expect(ok(await b.admit('x', '192.0.2.9'))).toBe(true);
      expect(refusedBy(await b.admit('x', '192.0.2.9'))).toBe('account-address');
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('while Redis is unreachable each node still counts, in memory', async () => {
    // A TCP relay to Redis that the test can cut, as a network fault would.
    const target = new URL(TEST_REDIS_URL);
    const sockets = new Set<net.Socket>();
    const relay = net.createServer((inbound) => {
      const outbound = net.connect(Number(target.port || 6379), target.hostname);
      for (const s of [inbound, outbound]) {
        sockets.add(s);
        s.on('error', () => {});
      }
      inbound.pipe(outbound).pipe(inbound);
    });
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', () => r()));
    const port = (relay.address() as net.AddressInfo).port;
    const l = await SignInLimiter.connect(`redis://127.0.0.1:${port}`, prefix, undefined, {
      ...LIMITS,
      accountAddress: { points: 3, seconds: 60 },
    });
    try {
      expect(ok(await l.admit('cut', '192.0.2.20'))).toBe(true);
      await new Promise<void>((r) => {
        relay.close(() => r());
        for (const s of sockets) s.destroy();
      });
      const started = Date.now();
      expect(ok(await l.admit('cut', '192.0.2.20'))).toBe(true);
      expect(ok(await l.admit('cut', '192.0.2.20'))).toBe(true);
      expect(ok(await l.admit('cut', '192.0.2.20'))).toBe(true);
      expect(refusedBy(await l.admit('cut', '192.0.2.20'))).toBe('account-address');
      // Answered at once, not held until Redis returns.
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await l.close();
    }
  });
});

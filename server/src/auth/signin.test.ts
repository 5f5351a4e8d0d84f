import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL } from '../testing/services.ts';
import { deleteRedisPrefix, redisAvailable } from '../testing/redis.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

/** Demo accounts (README), all with the password demo1234. */
const SPRAYED = [
  'wall',
  'dispatcher',
  'admin',
  'liedong_chief',
  'liexi_chief',
  'xubi_chief',
  'dept_cgj',
  'dept_hwc',
  'dept_szj',
  'dept_gaj',
  'dept_scjg',
  'dept_zjj',
  'dept_ylj',
  'dept_sw',
  'dept_gd',
];

interface Answer {
  status: number;
  retryAfter: number | null;
  body: { error?: string; reason?: string; retryAfterSeconds?: number };
}

/** POST /api/session as a client would, optionally claiming an address in X-Forwarded-For. */
async function signIn(s: TestServer, username: string, password: string, forwardedFor?: string): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (forwardedFor) headers['x-forwarded-for'] = forwardedFor;
  const res = await fetch(`${s.url}/api/session`, { method: 'POST', headers, body: JSON.stringify({ username, password }) });
  const retry = res.headers.get('retry-after');
  return { status: res.status, retryAfter: retry === null ? null : Number(retry), body: await res.json() };
}

/** 30 wrong passwords over the 15 accounts, each try from `from(i)`; returns the statuses. */
async function spray(s: TestServer, from: (i: number) => string | undefined): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < 30; i++) answers.push(await signIn(s, SPRAYED[i % SPRAYED.length]!, `Spring2025!${i}`, from(i)));
  return answers;
}

function expectThrottled(a: Answer, maxSeconds: number): void {
  expect(a.status).toBe(429);
  expect(a.retryAfter).toBeGreaterThan(0);
  expect(a.retryAfter).toBeLessThanOrEqual(maxSeconds);
  expect(a.body.error).toBe('too_many_attempts');
  expect(a.body.reason).toMatch(/try again in \d+ (s|min)/);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2;
};

describe('sign-in defence, no proxy trusted (the default)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s?.stop());

  it('throttles password spraying from one address, even when every try claims another X-Forwarded-For', async () => {
    const answers = await spray(s, (i) => `198.18.${i}.1`);
    const firstRefusal = answers.findIndex((a) => a.status === 429);
    expect(firstRefusal).toBeGreaterThan(-1);
    expect(firstRefusal).toBeLessThan(29);
    expect(answers.slice(0, firstRefusal).every((a) => a.status === 401)).toBe(true);
    for (const a of answers.slice(firstRefusal)) expectThrottled(a, 15 * 60);
    expect(answers[firstRefusal]!.body.reason).toContain('from this address');
    // The right password of an account nobody guessed is refused too: past the limit nothing is checked.
    expectThrottled(await signIn(s, 'supervisor', 'demo1234'), 15 * 60);
  });
});

describe('sign-in defence behind a trusted proxy (TRUST_PROXY=loopback)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ trustProxy: ['loopback'] });
  });
  afterAll(() => s?.stop());

  it('counts each forwarded address on its own, and still throttles one that sprays', async () => {
    const spread = await spray(s, (i) => `198.18.${i}.1`);
    expect(spread.map((a) => a.status)).toEqual(Array(30).fill(401));
    const one = await spray(s, () => '203.0.113.5');
    const firstRefusal = one.findIndex((a) => a.status === 429);
    expect(firstRefusal).toBeGreaterThan(-1);
    expect(firstRefusal).toBeLessThan(29);
    for (const a of one.slice(firstRefusal)) expectThrottled(a, 15 * 60);
  });

  it('lets the real user sign in from another address while an attacker is throttled on one', async () => {
    for (let i = 0; i < 10; i++) expect((await signIn(s, 'patrol_liexi', `guess${i}`, '203.0.113.7')).status).toBe(401);
    const attacker = await signIn(s, 'patrol_liexi', 'demo1234', '203.0.113.7');
    expectThrottled(attacker, 15 * 60);
    expect(attacker.body.reason).toContain('for this account');
    expect((await signIn(s, 'patrol_liexi', 'demo1234', '198.51.100.20')).status).toBe(200);
  });

  it('a valid account of its own does not let an attacker keep spraying', async () => {
    const from = '203.0.113.9';
    const statuses: number[] = [];
    for (let i = 0; i < 24; i++) {
      // Signs in with the account it holds before every fourth guess, while the address may still try.
      if (i % 4 === 3 && i < 20) expect((await signIn(s, 'patrol_xubi', 'demo1234', from)).status).toBe(200);
      statuses.push((await signIn(s, `dept_${['tx', 'rq', 'hbj'][i % 3]}`, `Summer${i}`, from)).status);
    }
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20)).toEqual(Array(4).fill(429));
    expectThrottled(await signIn(s, 'patrol_xubi', 'demo1234', from), 15 * 60);
  });

  it('caps guessing one account from many addresses, yet its user still gets in from a known address', async () => {
    // The supervisor signed in from the office before the attack.
    expect((await signIn(s, 'supervisor', 'demo1234', '198.51.100.30')).status).toBe(200);
    for (let n = 0; n < 5; n++)
      for (let i = 0; i < 10; i++) expect((await signIn(s, 'supervisor', `pw${n}-${i}`, `192.0.2.${n + 1}`)).status).toBe(401);
    // A fresh address now gets no try at all, the right password included.
    const fresh = await signIn(s, 'supervisor', 'demo1234', '192.0.2.100');
    expectThrottled(fresh, 60 * 60);
    expect((await signIn(s, 'supervisor', 'demo1234', '198.51.100.30')).status).toBe(200);
  });

  it('answers an unknown username as slowly as a wrong password of a known one', async () => {
    const unknown: number[] = [];
    const known: number[] = [];
    const time = async (username: string, i: number) => {
      const t = performance.now();
      const a = await signIn(s, username, `wrong-${i}`, `100.64.${i}.${username === 'dept_szj' ? 1 : 2}`);
      expect(a.status).toBe(401);
      return performance.now() - t;
    };
    for (let i = 0; i < 3; i++) await time(`warmup_${i}`, 200 + i);
    for (let i = 0; i < 20; i++) {
      unknown.push(await time(`nobody_${i}_${Math.random().toString(36).slice(2)}`, i));
      known.push(await time('dept_szj', i));
    }
    const ratio = median(unknown) / median(known);
    console.info(
      `sign-in timing: unknown median ${median(unknown).toFixed(1)} ms, known ${median(known).toFixed(1)} ms, ratio ${ratio.toFixed(2)}`,
    );
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});

const redisUp = await redisAvailable();

describe.skipIf(!redisUp)('sign-in defence on two nodes sharing Redis (skipped only outside CI when Redis is unreachable)', () => {
  const prefix = `sc-signin-test-${process.pid}-${Date.now()}:`;
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    const redis = { url: TEST_REDIS_URL, prefix };
    [a, b] = await Promise.all([
      startTestServer({ redis, trustProxy: ['loopback'] }),
      startTestServer({ redis, trustProxy: ['loopback'] }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await deleteRedisPrefix(prefix);
  });

  it('spraying across both nodes from one address is throttled as on one', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 30; i++) answers.push(await signIn(i % 2 ? a : b, SPRAYED[i % SPRAYED.length]!, `Autumn${i}`, '203.0.113.11'));
    const firstRefusal = answers.findIndex((x) => x.status === 429);
    expect(firstRefusal).toBeGreaterThan(-1);
    expect(firstRefusal).toBeLessThan(29);
    expect(answers.slice(0, firstRefusal).every((x) => x.status === 401)).toBe(true);
    for (const x of answers.slice(firstRefusal)) expectThrottled(x, 15 * 60);
  });

  it('an account throttled on one node is throttled on the other, and its user gets in elsewhere', async () => {
    for (let i = 0; i < 10; i++) expect((await signIn(a, 'grid_xubi', `guess${i}`, '203.0.113.12')).status).toBe(401);
    expectThrottled(await signIn(b, 'grid_xubi', 'demo1234', '203.0.113.12'), 15 * 60);
    expect((await signIn(b, 'grid_xubi', 'demo1234', '198.51.100.40')).status).toBe(200);
  });
});

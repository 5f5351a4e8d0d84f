import { afterAll, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL } from '../testing/services.ts';
import { deleteRedisPrefix, redisAvailable } from '../testing/redis.ts';
import { RedisLock } from './lock.ts';

const up = await redisAvailable();
const prefix = `sc-lock-test-${process.pid}-${Date.now()}:`;

describe.skipIf(!up)('Redis scheduler lock (skipped only outside CI when Redis is unreachable)', () => {
  afterAll(() => deleteRedisPrefix(prefix));

  it('one holder at a time; it renews; on release or expiry another node takes over', async () => {
    const key = `${prefix}lock:scheduler`;
    const a = await RedisLock.connect(TEST_REDIS_URL, key, 300);
    const b = await RedisLock.connect(TEST_REDIS_URL, key, 300);
    expect(await a.acquire()).toBe(true);
    expect(await b.acquire()).toBe(false);
    await new Promise((r) => setTimeout(r, 200));
    expect(await a.acquire()).toBe(true); // renewed before expiry
    await new Promise((r) => setTimeout(r, 200));
    expect(await b.acquire()).toBe(false); // still a's: the renewal extended it
    await a.release();
    expect(await b.acquire()).toBe(true);
    // b stops renewing (a crashed node): the lease runs out and a third node gets it.
    const c = await RedisLock.connect(TEST_REDIS_URL, key, 300);
    expect(await c.acquire()).toBe(false);
    await new Promise((r) => setTimeout(r, 400));
    expect(await c.acquire()).toBe(true);
    await b.release();
    expect(await c.acquire()).toBe(true); // b's release does not free c's lease
    await c.release();
  });
});

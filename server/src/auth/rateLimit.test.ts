import { afterAll, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL } from '../testing/services.ts';
import { deleteRedisPrefix, redisAvailable } from '../testing/redis.ts';
import { MemoryRateLimiter, RedisRateLimiter } from './rateLimit.ts';

const up = await redisAvailable();
const prefix = `sc-rl-test-${process.pid}-${Date.now()}:`;

describe('rate limiter', () => {
  it('in memory: counts within the window and starts again after it', async () => {
    let t = 0;
    const l = new MemoryRateLimiter(1000, () => t);
    expect((await l.hit('k')).count).toBe(1);
    t = 500;
    expect(await l.hit('k')).toEqual({ count: 2, resetMs: 500 });
    t = 1000;
    expect((await l.hit('k')).count).toBe(1);
    await l.reset('k');
    expect((await l.hit('k')).count).toBe(1);
  });

  describe.skipIf(!up)('in Redis (skipped only outside CI when Redis is unreachable)', () => {
    afterAll(() => deleteRedisPrefix(prefix));
    it('two nodes share one count, and the window expires', async () => {
      const a = await RedisRateLimiter.connect(TEST_REDIS_URL, prefix, 300);
      const b = await RedisRateLimiter.connect(TEST_REDIS_URL, prefix, 300);
      expect((await a.hit('login:x')).count).toBe(1);
      const second = await b.hit('login:x');
      expect(second.count).toBe(2);
      expect(second.resetMs).toBeLessThanOrEqual(300);
      await new Promise((r) => setTimeout(r, 350));
      expect((await a.hit('login:x')).count).toBe(1);
      await b.reset('login:x');
      expect((await b.hit('login:x')).count).toBe(1);
      await a.close();
      await b.close();
    });
  });
});

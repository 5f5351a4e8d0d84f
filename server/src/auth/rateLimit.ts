import { createClient } from 'redis';

/**
 * Counts attempts per key in a fixed window. Sign-in uses it against password guessing; with
 * Redis the count is shared by every node, so a second node is no second chance.
 */
export interface RateLimiter {
  /** Count one attempt; returns how many there were in this window and when the window ends. */
  hit(key: string): Promise<{ count: number; resetMs: number }>;
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { count: number; end: number }>();
  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async hit(key: string): Promise<{ count: number; resetMs: number }> {
    const t = this.now();
    if (this.windows.size > 10_000) for (const [k, w] of this.windows) if (w.end <= t) this.windows.delete(k);
    let w = this.windows.get(key);
    if (!w || w.end <= t) {
      w = { count: 0, end: t + this.windowMs };
      this.windows.set(key, w);
    }
    w.count++;
    return { count: w.count, resetMs: w.end - t };
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  async close(): Promise<void> {}
}

type Redis = ReturnType<typeof createClient>;

export class RedisRateLimiter implements RateLimiter {
  private constructor(
    private readonly client: Redis,
    private readonly prefix: string,
    private readonly windowMs: number,
  ) {}

  static async connect(url: string, prefix: string, windowMs: number): Promise<RedisRateLimiter> {
    const client: Redis = createClient({ url });
    client.on('error', () => {});
    await client.connect();
    return new RedisRateLimiter(client, prefix, windowMs);
  }

  async hit(key: string): Promise<{ count: number; resetMs: number }> {
    const k = this.prefix + key;
    // One round trip: count, start the window on the first hit only (NX), read what is left of it.
    const [count, , ttl] = await this.client.multi().incr(k).pExpire(k, this.windowMs, 'NX').pTTL(k).exec();
    const left = Number(ttl);
    return { count: Number(count), resetMs: left > 0 ? left : this.windowMs };
  }

  async reset(key: string): Promise<void> {
    await this.client.del(this.prefix + key);
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.destroy());
  }
}

import { randomUUID } from 'node:crypto';
import type { createClient } from 'redis';

type Redis = ReturnType<typeof createClient>;

/**
 * Leadership for jobs that exactly one node may run (the deadline scheduler). `acquire` is called
 * before every run; it returns true while this node holds the lock, renewing it.
 */
export interface JobLock {
  acquire(): Promise<boolean>;
  release(): Promise<void>;
}

/** A single node: always the leader. */
export class LocalLock implements JobLock {
  async acquire(): Promise<boolean> {
    return true;
  }
  async release(): Promise<void> {}
}

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * A Redis lease (SET NX PX, renewed by its holder only). If the holder dies the lease runs out
 * after `ttlMs` and another node takes over.
 */
export class RedisLock implements JobLock {
  private readonly token = randomUUID();

  private constructor(
    private readonly client: Redis,
    private readonly key: string,
    private readonly ttlMs: number,
  ) {}

  static async connect(url: string, key: string, ttlMs: number): Promise<RedisLock> {
    // Loaded here, not at the top: a single node never needs the package (start time, issue 11).
    const { createClient: connectTo } = await import('redis');
    const client: Redis = connectTo({ url });
    client.on('error', () => {});
    await client.connect();
    return new RedisLock(client, key, ttlMs);
  }

  async acquire(): Promise<boolean> {
    try {
      const renewed = await this.client.eval(RENEW, { keys: [this.key], arguments: [this.token, String(this.ttlMs)] });
      if (Number(renewed) === 1) return true;
      const set = await this.client.set(this.key, this.token, { NX: true, PX: this.ttlMs });
      return set === 'OK';
    } catch {
      return false; // Redis unreachable: not the leader, try again next round.
    }
  }

  async release(): Promise<void> {
    await this.client.eval(RELEASE, { keys: [this.key], arguments: [this.token] }).catch(() => {});
    await this.client.quit().catch(() => this.client.destroy());
  }
}

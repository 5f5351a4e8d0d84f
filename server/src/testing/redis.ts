import { createClient } from 'redis';
import { TEST_REDIS_URL } from './services.ts';

/** Is Redis reachable? Under CI=true its absence is a failure (throws), never a skip. */
export async function redisAvailable(): Promise<boolean> {
  const client = createClient({ url: TEST_REDIS_URL, socket: { connectTimeout: 3000, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch (err) {
    if (process.env.CI === 'true') throw new Error(`Redis required under CI=true but unreachable at ${TEST_REDIS_URL}: ${String(err)}`);
    console.warn(`Redis unreachable at ${TEST_REDIS_URL}: its tests are skipped (outside CI only)`);
    return false;
  } finally {
    if (client.isOpen) await client.quit().catch(() => {});
  }
}

/** Delete every key under a test prefix. */
export async function deleteRedisPrefix(prefix: string): Promise<void> {
  const client = createClient({ url: TEST_REDIS_URL });
  client.on('error', () => {});
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 100 })) {
      const list = ([] as string[]).concat(keys as string | string[]);
      if (list.length) await client.del(list);
    }
  } finally {
    await client.quit();
  }
}

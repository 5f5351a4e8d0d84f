import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { IoServer } from './types.ts';

/**
 * Carry Socket.IO broadcasts between nodes through a Redis stream, so an event committed on one
 * node reaches clients connected to any other. Returns a function that disconnects.
 */
export async function attachRedisAdapter(io: IoServer, url: string, prefix: string): Promise<() => Promise<void>> {
  const client = createClient({ url });
  client.on('error', () => {
    // The client reconnects by itself; errors are reported by the adapter's failing publishes.
  });
  await client.connect();
  io.adapter(createAdapter(client, { streamName: `${prefix}socket.io` }));
  return async () => {
    await client.quit().catch(() => client.destroy());
  };
}

/**
 * One StreetChief node in its own process, for tests that kill a node for real (SIGKILL): it
 * joins an existing PostgreSQL schema and Redis prefix and prints `READY <url>` once listening.
 *
 * Environment: NODE_SCHEMA, NODE_REDIS_URL, NODE_REDIS_PREFIX; NODE_DIE_AFTER_COMMIT=1 makes the
 * node kill itself the moment its first write has committed, before it hands the events to its
 * broadcaster or answers: the node that dies between commit and broadcast.
 */
import { startTestServer } from './testServer.ts';

const env = process.env;
const node = await startTestServer({
  dialect: 'postgres',
  schema: env.NODE_SCHEMA!,
  redis: { url: env.NODE_REDIS_URL!, prefix: env.NODE_REDIS_PREFIX! },
});
if (env.NODE_DIE_AFTER_COMMIT === '1') node.ctx.publish = () => process.kill(process.pid, 'SIGKILL');
process.stdout.write(`READY ${node.url}\n`);

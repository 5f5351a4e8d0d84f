import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configFromEnv } from './config.ts';
import { startServer } from './server.ts';

const clientDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../client/dist');
const server = await startServer(configFromEnv(process.env, clientDir));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.log.info({ signal }, 'shutting down');
    void server.close().then(() => process.exit(0));
  });
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import type { ServerConfig } from '../config.ts';
import type { TrustProxy } from '../http/trustProxy.ts';
import { startServer, type RunningServer } from '../server.ts';
import { dropSchema } from '../store/connect.ts';
import { TEST_DATABASE_URL, uniqueSchema } from './services.ts';

export const CLIENT_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../client/dist');

export interface TestServer extends RunningServer {
  /** The PostgreSQL schema, when on PostgreSQL. */
  schema: string | null;
  /** Sign in a demo account; returns its Cookie header value. */
  login: (username: string, password?: string) => Promise<string>;
  /** JSON request; returns status and parsed body. */
  api: <T = any>(
    method: string,
    url: string,
    opts?: { body?: unknown; cookie?: string; raw?: string },
  ) => Promise<{ status: number; body: T }>;
  stop: () => Promise<void>;
}

/** A real server on a free port with the demo district, on a fresh SQLite file or PostgreSQL schema. */
export interface TestServerOptions {
  dialect?: 'sqlite' | 'postgres';
  /** Use this SQLite file (kept after stop) instead of a fresh temporary one: for restart tests. */
  sqliteFile?: string;
  /** Join an existing PostgreSQL schema (a second node); the first node owns and drops it. */
  schema?: string;
  redis?: { url: string; prefix: string };
  /** Express `trust proxy` (TRUST_PROXY); default false: X-Forwarded-For is ignored. */
  trustProxy?: TrustProxy;
  now?: () => Date;
  /** `none`: start with an empty district (onboarding tests); default the demo. */
  seed?: 'demo' | 'none';
  serveClient?: boolean;
  /** ALLOWED_ORIGINS and COOKIE_SECURE (HTTPS deployments: Secure cookie, HSTS). */
  allowedOrigins?: string[];
  cookieSecure?: boolean;
  /** METRICS_PORT / METRICS_TOKEN. */
  metrics?: { port: number | null; token: string | null };
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'streetchief-test-'));
  const ownsSchema = opts.dialect === 'postgres' && !opts.schema;
  const schema = opts.dialect === 'postgres' ? (opts.schema ?? uniqueSchema('sc_api')) : null;
  const cfg: ServerConfig = {
    port: 0,
    host: '127.0.0.1',
    db: schema
      ? { dialect: 'postgres', url: TEST_DATABASE_URL, schema }
      : { dialect: 'sqlite', file: opts.sqliteFile ?? path.join(dir, 'test.sqlite') },
    redisUrl: opts.redis?.url ?? null,
    redisPrefix: opts.redis?.prefix ?? 'streetchief-test:',
    basemapStyleUrl: null,
    seed: opts.seed ?? 'demo',
    sessionDays: 1,
    cookieSecure: opts.cookieSecure ?? false,
    allowedOrigins: opts.allowedOrigins ?? [],
    trustProxy: opts.trustProxy ?? false,
    logLevel: 'silent',
    schedulerIntervalMs: 0,
    deadlinePolicy: { warnRatio: 0.8, escalateAfterMs: 24 * 3_600_000 },
    clientDir: opts.serveClient ? CLIENT_DIST : path.join(dir, 'no-client'),
    ...(opts.metrics ? { metrics: { ...opts.metrics, host: '127.0.0.1' } } : {}),
  };
  const server = await startServer(cfg, { now: opts.now, log: pino({ level: 'silent' }) });
  const api: TestServer['api'] = async (method, url, o = {}) => {
    const headers: Record<string, string> = {};
    if (o.cookie) headers.cookie = o.cookie;
    let body: string | undefined;
    if (o.raw !== undefined) body = o.raw;
    else if (o.body !== undefined) body = JSON.stringify(o.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(server.url + url, { method, headers, body });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const login = async (username: string, password = 'demo1234') => {
    const res = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status}`);
    const set = res.headers.get('set-cookie') ?? '';
    return set.split(';')[0]!;
  };
  return {
    ...server,
    schema,
    api,
    login,
    stop: async () => {
      await server.close();
      if (schema && ownsSchema) await dropSchema(TEST_DATABASE_URL, schema);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

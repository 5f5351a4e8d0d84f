import { z } from 'zod';
import type { DeadlinePolicy } from './scheduler/deadlines.ts';
import { PG_POOL_SIZE, type DbConfig } from './store/connect.ts';
import { parseTrustProxy, type TrustProxy } from './http/trustProxy.ts';
import type { MetricsExposure } from './metrics/metricsServer.ts';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  /** PostgreSQL connections per node; each node's group commit uses one at a time, reads the rest. */
  PG_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(PG_POOL_SIZE),
  SQLITE_FILE: z.string().default('data/streetchief.sqlite'),
  REDIS_URL: z.string().optional(),
  /** Prefix of every Redis key this deployment uses. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-z0-9_:.-]{0,64}$/i)
    .default('streetchief:'),
  BASEMAP_STYLE_URL: z.string().optional(),
  /**
   * `production` turns on the safe defaults of a live district: no demo data unless asked (and
   * then refused), and no start while an account still has a published demo password.
   */
  NODE_ENV: z.string().optional(),
  /** `demo` fills an empty database with the sample district and 30 days of history; default `demo`, `none` in production. */
  SEED: z.enum(['demo', 'none']).optional(),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
  /** Origins besides the site's own that may send state-changing requests: `https://a.example,https://b.example`. */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v, ctx) => {
      const origins: string[] = [];
      const items = v.split(',').map((o) => o.trim());
      for (const item of items.filter(Boolean)) {
        const url = URL.canParse(item) ? new URL(item) : null;
        // Only scheme, host and port: that is all a browser's Origin header holds.
        const bare = url && /^https?:$/.test(url.protocol) && !url.username && url.pathname === '/' && !url.search && !url.hash;
        if (!bare) {
          ctx.addIssue({ code: 'custom', message: `ALLOWED_ORIGINS: "${item}" is not an origin (scheme://host[:port])` });
          return z.NEVER;
        }
        origins.push(url.origin);
      }
      return origins;
    }),
  /** Deadline scheduler: scan interval, warning share of the time limit, delay per automatic escalation. */
  SCHEDULER_INTERVAL_SECONDS: z.coerce.number().min(0).default(30),
  DEADLINE_WARN_RATIO: z.coerce.number().gt(0).lt(1).default(0.8),
  ESCALATE_AFTER_HOURS: z.coerce.number().positive().default(24),
  /** Proxies whose X-Forwarded-For names the client: unset for none, else Express's `trust proxy` value. */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      try {
        return parseTrustProxy(v);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** /metrics on a port of its own (0: any free port), bound to METRICS_HOST. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** /metrics on the main port, answered only with `Authorization: Bearer <token>` (16+ characters). */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN needs 16 characters at least').optional(),
});

export interface ServerConfig {
  port: number;
  host: string;
  db: DbConfig;
  redisUrl: string | null;
  redisPrefix: string;
  basemapStyleUrl: string | null;
  seed: 'demo' | 'none';
  /**
   * NODE_ENV=production: the start refuses while an enabled account has a published demo
   * password. Absent means false (tests build their configuration by hand).
   */
  production?: boolean;
  sessionDays: number;
  cookieSecure: boolean;
  /** Origins besides the site's own whose pages may send state-changing requests and open sockets. */
  allowedOrigins: string[];
  /** Express `trust proxy`: false means the client address is the socket's peer. */
  trustProxy: TrustProxy;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /** 0 turns the scheduler off (tests drive it by hand). */
  schedulerIntervalMs: number;
  deadlinePolicy: DeadlinePolicy;
  /** Where the built client is served from. */
  clientDir: string;
  /** Where /metrics is served (metrics/metricsServer.ts); absent: nowhere. */
  metrics?: MetricsExposure;
}

/** Configuration from the environment; a bad value stops the start with a clear message. */
export function configFromEnv(env: NodeJS.ProcessEnv, clientDir: string): ServerConfig {
  const e = EnvSchema.superRefine((v, ctx) => {
    // The demo's accounts all share a password printed in the README: never on a live server.
    if (v.NODE_ENV === 'production' && v.SEED === 'demo')
      ctx.addIssue({
        code: 'custom',
        path: ['SEED'],
        message:
          'SEED=demo is refused with NODE_ENV=production: the demo accounts share the published password demo1234. ' +
          'Leave SEED unset (none in production) and create the first administrator with `npm run cli -- create-admin`, ' +
          'or run the demo without NODE_ENV=production.',
      });
  }).parse(env);
  const production = e.NODE_ENV === 'production';
  return {
    port: e.PORT,
    host: e.HOST,
    db: e.DATABASE_URL
      ? { dialect: 'postgres', url: e.DATABASE_URL, poolSize: e.PG_POOL_SIZE }
      : { dialect: 'sqlite', file: e.SQLITE_FILE },
    redisUrl: e.REDIS_URL ?? null,
    redisPrefix: e.REDIS_PREFIX,
    basemapStyleUrl: e.BASEMAP_STYLE_URL ?? null,
    seed: e.SEED ?? (production ? 'none' : 'demo'),
    production,
    sessionDays: e.SESSION_DAYS,
    cookieSecure: e.COOKIE_SECURE === 'true',
    allowedOrigins: e.ALLOWED_ORIGINS,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    schedulerIntervalMs: e.SCHEDULER_INTERVAL_SECONDS * 1000,
    deadlinePolicy: { warnRatio: e.DEADLINE_WARN_RATIO, escalateAfterMs: e.ESCALATE_AFTER_HOURS * 3_600_000 },
    clientDir,
    ...(e.METRICS_PORT !== undefined || e.METRICS_TOKEN
      ? { metrics: { port: e.METRICS_PORT ?? null, host: e.METRICS_HOST, token: e.METRICS_TOKEN ?? null } }
      : {}),
  };
}

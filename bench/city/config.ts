/**
 * The city run's sizes and where it runs (issue 11, item 6): three nodes on PostgreSQL + Redis,
 * 2,000 grids, 20,000 open cases, 1,000 phones sending a position every 10 s, 200 wall screens,
 * 50 reports/s, for two minutes. `CITY_SECONDS` shortens it (20 for a smoke run).
 */
import { z } from 'zod';

const Env = z.object({
  CITY_SECONDS: z.coerce.number().int().min(5).max(3600).default(120),
  CITY_SETTLE_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  TEST_DATABASE_URL: z.string().default('postgres://postgres@127.0.0.1:5432/test'),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
});

export interface CityConfig {
  seconds: number;
  nodes: number;
  openCases: number;
  phones: number;
  /** Seconds between two positions of one phone. */
  phoneIntervalS: number;
  walls: number;
  /** Wall clients per load-generator process (200 sockets in one process would measure the generator). */
  wallsPerProcess: number;
  reportsPerSecond: number;
  /** After the load stops: how long the generators wait for answers still out (CITY_SETTLE_SECONDS). */
  settleMs: number;
  /** Then: how long the walls may take to receive the last events. */
  drainMs: number;
  pgUrl: string;
  redisUrl: string;
  /**
   * Own PostgreSQL database and Redis key prefix, dropped afterwards. A database rather than a
   * schema: the server's environment names its database by URL alone, and in a shared database
   * its migrator would take another schema's bookkeeping (public's) for its own.
   */
  database: string;
  redisPrefix: string;
}

export function cityConfig(env: NodeJS.ProcessEnv = process.env): CityConfig {
  const e = Env.parse(env);
  const id = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  return {
    seconds: e.CITY_SECONDS,
    nodes: 3,
    openCases: 20_000,
    phones: 1000,
    phoneIntervalS: 10,
    walls: 200,
    wallsPerProcess: 100,
    reportsPerSecond: 50,
    settleMs: e.CITY_SETTLE_SECONDS * 1000,
    drainMs: 10_000,
    pgUrl: e.TEST_DATABASE_URL,
    redisUrl: e.REDIS_URL,
    database: `city_${id}`,
    redisPrefix: `city-${id}:`,
  };
}

/** The same server's URL for another database. */
export function urlOfDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** What every report's description starts with; the send time follows, so a wall can time it. */
export const SENT_MARK = 'city-run sent=';

import pg from 'pg';

/** Where tests find PostgreSQL and Redis (the machine's services unless told otherwise). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Is PostgreSQL reachable? Under CI=true a missing service is a failure, never a skip: this
 * throws there, so the suite fails loudly instead of passing without the PostgreSQL half.
 */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (err) {
    if (process.env.CI === 'true')
      throw new Error(`PostgreSQL required under CI=true but unreachable at ${TEST_DATABASE_URL}: ${String(err)}`);
    console.warn(`PostgreSQL unreachable at ${TEST_DATABASE_URL}: its tests are skipped (outside CI only)`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A schema name no other test run uses. */
export function uniqueSchema(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`.toLowerCase();
}

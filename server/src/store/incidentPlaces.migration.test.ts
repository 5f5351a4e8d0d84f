import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { incidentFixture } from '@streetchief/shared/testing/incidentFixture';
import { connect, dropSchema, type DbConfig } from './connect.ts';
import { migrateBefore, migrateToLatest } from './migrations.ts';
import { postgresAvailable, TEST_DATABASE_URL, uniqueSchema } from '../testing/services.ts';

const pgUp = await postgresAvailable();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-places-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The places the cases had in their snapshots before 0011, to the last digit a phone sends. */
const PLACES = [
  [117.6234567, 26.2612345],
  [117.6301, 26.2455],
] as const;

async function migrated(cfg: DbConfig): Promise<{ id: string; lng: number | null; lat: number | null }[]> {
  const conn = await connect(cfg);
  const schema = cfg.dialect === 'postgres' ? cfg.schema : undefined;
  try {
    await migrateBefore(conn.db, '0011_incident_places', schema);
    for (const [i, [lng, lat]] of PLACES.entries()) {
      const c = incidentFixture({ id: `00000000-0000-4000-8000-00000000110${i}`, caseNo: `2026-00110${i}`, lng, lat });
      await conn.db
        .insertInto('incidents' as never)
        .values({
          id: c.id,
          version: c.version,
          status: c.status,
          category_code: c.categoryCode,
          grid_code: c.gridCode,
          community_code: c.communityCode,
          street_code: c.streetCode,
          lead_dept: null,
          depts: '||',
          reporter_id: null,
          feedback_count: 0,
          rework_count: 0,
          return_count: 0,
          extension_count: 0,
          reported_at: c.reportedAt,
          updated_at: c.updatedAt,
          deadline: c.deadline,
          case_no: c.caseNo,
          data: JSON.stringify(c),
        } as never)
        .execute();
    }
    await migrateToLatest(conn.db, schema);
    const rows = await conn.db.selectFrom('incidents').select(['id', 'lng', 'lat']).orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, lng: r.lng === null ? null : Number(r.lng), lat: r.lat === null ? null : Number(r.lat) }));
  } finally {
    await conn.close();
  }
}

const expected = PLACES.map(([lng, lat], i) => ({ id: `00000000-0000-4000-8000-00000000110${i}`, lng, lat }));

describe('migration 0011: the places of existing cases as columns', () => {
  it('on SQLite', async () => {
    expect(await migrated({ dialect: 'sqlite', file: path.join(dir, 'places.sqlite') })).toEqual(expected);
  });

  it.skipIf(!pgUp)('on PostgreSQL (skipped only outside CI when it is unreachable)', async () => {
    const schema = uniqueSchema('sc_places');
    try {
      expect(await migrated({ dialect: 'postgres', url: TEST_DATABASE_URL, schema })).toEqual(expected);
    } finally {
      await dropSchema(TEST_DATABASE_URL, schema);
    }
  });
});

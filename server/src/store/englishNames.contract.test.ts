import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSampleDistrict, SAMPLE_CATALOGUE, SAMPLE_DEPARTMENTS } from '@streetchief/shared/district/index';
import { connect, dropSchema, type Connection, type DbConfig } from './connect.ts';
import { migrateBefore, migrateToLatest } from './migrations.ts';
import {
  listCatalogue,
  listCommunities,
  listDepartments,
  listGrids,
  listStreets,
  saveCatalogue,
  saveDepartments,
  saveDistrict,
} from './referenceRepo.ts';
import { postgresAvailable, TEST_DATABASE_URL, uniqueSchema } from '../testing/services.ts';

const pgUp = await postgresAvailable();
const sample = generateSampleDistrict();
/** In code order, as the store lists them. */
const byCode = <T extends { code: string }>(xs: readonly T[]) => [...xs].sort((a, b) => (a.code < b.code ? -1 : 1));

function backend(name: string, make: () => { cfg: DbConfig; cleanup: () => Promise<void> }) {
  describe(`English names: ${name}`, () => {
    let conn: Connection;
    let made: ReturnType<typeof make>;
    const schema = () => (made.cfg.dialect === 'postgres' ? made.cfg.schema : undefined);
    beforeAll(async () => {
      made = make();
      conn = await connect(made.cfg);
    });
    afterAll(async () => {
      await conn?.close();
      await made?.cleanup();
    });

    it('the migration gives rows that are the sample district its English names, and leaves imported ones without', async () => {
      await migrateBefore(conn.db, '0010_english_names', schema());
      const db = conn.db as never as import('kysely').Kysely<Record<string, Record<string, unknown>>>;
      const street = sample.streets[0]!;
      const community = sample.communities[0]!;
      const grid = sample.grids[0]!;
      await db.insertInto('streets').values({ code: street.code, name: street.name }).execute();
      // Same code, a name of its own: an imported district that reuses the sample's codes.
      await db.insertInto('communities').values({ code: community.code, name: '导入社区', street_code: street.code }).execute();
      await db
        .insertInto('grids')
        .values({
          code: grid.code,
          name: grid.name,
          community_code: grid.communityCode,
          street_code: grid.streetCode,
          chief: grid.chief,
          polygon: JSON.stringify(grid.polygon),
        })
        .execute();
      await db.insertInto('departments').values({ code: 'gaj', name: '公安分局交警大队' }).execute();
      await db.insertInto('departments').values({ code: 'dept01', name: '一号部门' }).execute();
      const cls = SAMPLE_CATALOGUE.find((c) => c.code === 'C0101')!;
      await db
        .insertInto('case_classes')
        .values({
          code: cls.code,
          kind: cls.kind,
          major: cls.major,
          name: cls.name,
          department_code: 'gaj',
          limit_value: 2,
          limit_unit: 'hours',
          urgent: 1,
        })
        .execute();

      await migrateToLatest(conn.db, schema());
      expect(await listStreets(conn.db)).toEqual([{ code: street.code, name: street.name, nameEn: 'Liedong Street' }]);
      expect(await listCommunities(conn.db)).toEqual([{ code: community.code, name: '导入社区', streetCode: street.code }]);
      expect((await listGrids(conn.db))[0]).toMatchObject({ code: grid.code, nameEn: "Dong'an Grid 01" });
      expect(await listDepartments(conn.db)).toEqual([
        { code: 'dept01', name: '一号部门' },
        { code: 'gaj', name: '公安分局交警大队', nameEn: 'Traffic Police Brigade', shortName: '交警大队', shortNameEn: 'Traffic Police' },
      ]);
      expect((await listCatalogue(conn.db))[0]).toMatchObject({
        code: 'C0101',
        nameEn: 'Manhole cover missing',
        majorEn: 'Public utilities',
      });
    });

    it('the sample district reads back as it was written, English names and all', async () => {
      for (const t of ['case_classes', 'grids', 'communities', 'streets', 'departments'] as const) await conn.db.deleteFrom(t).execute();
      await saveDistrict(conn.db, { ...sample, staff: [] });
      await saveDepartments(conn.db, [...SAMPLE_DEPARTMENTS]);
      await saveCatalogue(conn.db, [...SAMPLE_CATALOGUE]);
      expect(await listStreets(conn.db)).toEqual(byCode(sample.streets));
      expect(await listCommunities(conn.db)).toEqual(byCode(sample.communities));
      expect(await listGrids(conn.db)).toEqual(byCode(sample.grids));
      expect(await listDepartments(conn.db)).toEqual(byCode(SAMPLE_DEPARTMENTS));
      expect(await listCatalogue(conn.db)).toEqual(byCode(SAMPLE_CATALOGUE));
    });
  });
}

backend('SQLite', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-names-'));
  return {
    cfg: { dialect: 'sqlite', file: path.join(dir, 'db.sqlite') },
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
});

describe.skipIf(!pgUp)('PostgreSQL (skipped only outside CI when unreachable)', () => {
  backend('PostgreSQL', () => {
    const schema = uniqueSchema('sc_names');
    return { cfg: { dialect: 'postgres', url: TEST_DATABASE_URL, schema }, cleanup: () => dropSchema(TEST_DATABASE_URL, schema) };
  });
});

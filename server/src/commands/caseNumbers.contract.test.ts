import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportIncident as newIncident, type User } from '@streetchief/shared';
import { generateSampleDistrict, SAMPLE_CATALOGUE, SAMPLE_DEPARTMENTS } from '@streetchief/shared/district/index';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { Reference } from '../reference.ts';
import { connect, dropSchema, type DbConfig } from '../store/connect.ts';
import { getIncident, listIncidents } from '../store/incidentRepo.ts';
import { migrateBefore, migrateToLatest } from '../store/migrations.ts';
import { DatabasePhotoStorage } from '../store/photoStorage.ts';
import { saveCatalogue, saveDepartments, saveDistrict } from '../store/referenceRepo.ts';
import { Store } from '../store/store.ts';
import { postgresAvailable, TEST_DATABASE_URL, uniqueSchema } from '../testing/services.ts';
import type { CommandContext } from './context.ts';
import { reportIncident } from './reportIncident.ts';

const pgUp = await postgresAvailable();
const district = generateSampleDistrict();
const grid = district.grids[0]!;
const [lng, lat] = interiorPoint(grid.polygon)!;
const patrol: User = {
  id: 'u-test-patrol',
  username: 'test_patrol',
  displayName: '测试巡查员',
  role: 'patrol',
  departmentCode: null,
  streetCode: null,
  gridCodes: [grid.code],
};

function backend(name: string, make: () => { cfg: DbConfig; cleanup: () => Promise<void> }) {
  describe(`case numbers: ${name}`, () => {
    let store: Store;
    let made: ReturnType<typeof make>;
    let clock = new Date('2026-06-01T02:00:00Z');
    let ctx: CommandContext;
    beforeAll(async () => {
      made = make();
      store = await Store.open(made.cfg);
      await store.transaction(async (trx) => {
        await saveDistrict(trx, district);
        await saveDepartments(trx, [...SAMPLE_DEPARTMENTS]);
        await saveCatalogue(trx, [...SAMPLE_CATALOGUE]);
      });
      ctx = { store, ref: await Reference.load(store), now: () => clock, photos: new DatabasePhotoStorage(), publish: () => {} };
    });
    afterAll(async () => {
      await store?.close();
      await made?.cleanup();
    });

    const report = (id: string = randomUUID()) =>
      reportIncident(ctx, { user: patrol, body: { id, category: 'E0101', description: '编号', lng, lat, source: 'patrol', photoIds: [] } });

    it('numbers reports consecutively within a year, and a retry keeps its number', async () => {
      const nos: string[] = [];
      for (let i = 0; i < 5; i++) nos.push((await report()).incident.caseNo!);
      expect(nos).toEqual(['2026-000001', '2026-000002', '2026-000003', '2026-000004', '2026-000005']);

      const id = randomUUID();
      const first = await report(id);
      const retry = await report(id);
      expect(first.created).toBe(true);
      expect(retry.created).toBe(false);
      expect(retry.incident.caseNo).toBe('2026-000006');
      expect((await getIncident(store.db, id))!.caseNo).toBe('2026-000006');
      // The retry took no number: the next report continues without a hole.
      expect((await report()).incident.caseNo).toBe('2026-000007');
    });

    it('restarts at 000001 at midnight in Shanghai on 31 December → 1 January', async () => {
      clock = new Date('2026-12-31T15:59:59.999Z'); // 23:59:59.999 on 31 Dec in Shanghai
      expect((await report()).incident.caseNo).toBe('2026-000008');
      clock = new Date('2026-12-31T16:00:00.000Z'); // 00:00 on 1 Jan 2027 in Shanghai
      expect((await report()).incident.caseNo).toBe('2027-000001');
      expect((await report()).incident.caseNo).toBe('2027-000002');
    });

    it('finds a case by its whole number or by its sequence alone', async () => {
      const list = (caseNo: { year: number | null; seq: number }) =>
        listIncidents(store.db, { caseNo, scope: null, now: clock, limit: 100 }).then((r) => r.map((c) => c.caseNo).sort());
      expect(await list({ year: 2026, seq: 8 })).toEqual(['2026-000008']);
      expect(await list({ year: null, seq: 2 })).toEqual(['2026-000002', '2027-000002']);
      expect(await list({ year: 2025, seq: 2 })).toEqual([]);
    });

    it('the migration numbers existing cases in report order, per year, and later reports continue', async () => {
      const cfg =
        made.cfg.dialect === 'sqlite' ? { ...made.cfg, file: `${made.cfg.file}.old` } : { ...made.cfg, schema: `${made.cfg.schema}_old` };
      const conn = await connect(cfg);
      const schema = cfg.dialect === 'postgres' ? cfg.schema : undefined;
      try {
        await migrateBefore(conn.db, '0008_case_numbers', schema);
        const cls = SAMPLE_CATALOGUE.find((c) => c.code === 'E0101')!;
        // Inserted out of order; 2025-12-31T16:30Z is already 2026 in Shanghai.
        const times = ['2026-03-01T00:00:00.000Z', '2025-12-31T16:30:00.000Z', '2025-12-31T15:00:00.000Z', '2025-06-01T00:00:00.000Z'];
        for (const [i, at] of times.entries()) {
          const { incident: c } = newIncident(
            {
              id: `00000000-0000-4000-8000-00000000000${i}`,
              category: cls.code,
              description: '旧案',
              lng,
              lat,
              source: 'patrol',
              photoIds: [],
            },
            { gridCode: grid.code, communityCode: grid.communityCode, streetCode: grid.streetCode },
            cls,
            null,
            { actor: { id: 'x', role: 'patrol', name: 'x' }, now: new Date(at), deadline: (f) => f, workingMs: () => 0 },
          );
          const { caseNo: _n, checkerId: _c, checkDueAt: _d, ...old } = c;
          await conn.db
            .insertInto('incidents' as never)
            .values({
              id: c.id,
              version: 1,
              status: 'reported',
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
              reported_at: at,
              updated_at: at,
              deadline: null,
              data: JSON.stringify(old),
            } as never)
            .execute();
        }
        await migrateToLatest(conn.db, schema);
        const rows = (await conn.db
          .selectFrom('incidents' as never)
          .select(['reported_at', 'case_no', 'data'] as never[])
          .orderBy('reported_at' as never)
          .execute()) as { reported_at: string; case_no: string; data: string }[];
        expect(rows.map((r) => r.case_no)).toEqual(['2025-000001', '2025-000002', '2026-000001', '2026-000002']);
        expect(rows.map((r) => (JSON.parse(r.data) as { caseNo: string }).caseNo)).toEqual(rows.map((r) => r.case_no));
        const counters = await conn.db
          .selectFrom('counters')
          .select(['name', 'value'])
          .where('name', 'like', 'case_no:%')
          .orderBy('name')
          .execute();
        expect(counters.map((c) => [c.name, Number(c.value)])).toEqual([
          ['case_no:2025', 2],
          ['case_no:2026', 2],
        ]);
      } finally {
        await conn.close();
        if (cfg.dialect === 'postgres') await dropSchema(TEST_DATABASE_URL, cfg.schema!);
        else fs.rmSync(cfg.file, { force: true });
      }
    });
  });
}

backend('SQLite', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-caseno-'));
  return {
    cfg: { dialect: 'sqlite', file: path.join(dir, 'db.sqlite') },
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
});

describe.skipIf(!pgUp)('PostgreSQL (skipped only outside CI when unreachable)', () => {
  backend('PostgreSQL', () => {
    const schema = uniqueSchema('sc_caseno');
    return { cfg: { dialect: 'postgres', url: TEST_DATABASE_URL, schema }, cleanup: () => dropSchema(TEST_DATABASE_URL, schema) };
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportIncident, type Incident, type NewIncidentEvent } from '@streetchief/shared';
import { generateSampleDistrict, SAMPLE_CATALOGUE, SAMPLE_DEPARTMENTS } from '@streetchief/shared/district/index';
import { dropSchema, type DbConfig } from './connect.ts';
import { appendEvents, eventsAfter, eventsOfIncident, headSeq } from './eventLog.ts';
import { getIncident, insertIncident, listIncidents, updateIncident } from './incidentRepo.ts';
import { listCatalogue, listGrids, saveCatalogue, saveDepartments, saveDistrict } from './referenceRepo.ts';
import { Store } from './store.ts';
import { insertSession, insertUser, userOfSession } from './userRepo.ts';
import { postgresAvailable, TEST_DATABASE_URL, uniqueSchema } from '../testing/services.ts';

const pgUp = await postgresAvailable();
const district = generateSampleDistrict();
const cls = SAMPLE_CATALOGUE[0]!;
const actor = { id: 'u-test', role: 'dispatcher', name: '测试' };

function newCase(id: string, at: string, grid = district.grids[0]!): { incident: Incident; event: NewIncidentEvent } {
  return reportIncident(
    { id, category: cls.code, description: '测试', lng: 117.6, lat: 26.25, source: 'patrol', photoIds: [] },
    { gridCode: grid.code, communityCode: grid.communityCode, streetCode: grid.streetCode },
    cls,
    'u-test',
    { actor, now: new Date(at), deadline: (from) => new Date(from.getTime() + 3_600_000), workingMs: (a, b) => b.getTime() - a.getTime() },
  );
}
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** The same contract, run against each backend. */
function contract(name: string, makeConfig: () => { cfg: DbConfig; cleanup: () => Promise<void> }) {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      const made = makeConfig();
      cleanup = made.cleanup;
      store = await Store.open(made.cfg);
      await store.transaction(async (trx) => {
        await saveDistrict(trx, district);
        await saveDepartments(trx, [...SAMPLE_DEPARTMENTS]);
        await saveCatalogue(trx, [...SAMPLE_CATALOGUE]);
      });
    });
    afterAll(async () => {
      await store?.close();
      await cleanup?.();
    });

    it('round-trips reference data', async () => {
      const grids = await listGrids(store.db);
      expect(grids).toHaveLength(165);
      expect(grids[0]).toEqual([...district.grids].sort((a, b) => a.code.localeCompare(b.code))[0]);
      expect(await listCatalogue(store.db)).toEqual([...SAMPLE_CATALOGUE].sort((a, b) => a.code.localeCompare(b.code)));
    });

    it('migrating twice is harmless', async () => {
      const again = await Store.open(makeConfigFromStore(store, name));
      expect(await headSeq(again.db)).toBe(await headSeq(store.db));
      await again.close();
    });

    it('gives gap-free sequence numbers under concurrent transactions, in commit order', async () => {
      const before = await headSeq(store.db);
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.transaction(async (trx) => {
            const { incident, event } = newCase(uuid(100 + i), `2026-11-02T0${i % 10}:00:00.000Z`);
            await insertIncident(trx, incident);
            await appendEvents(trx, [event]);
          }),
        ),
      );
      const events = await eventsAfter(store.db, before, 1000);
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => before + 1 + i));
      expect(new Set(events.map((e) => e.incident.id)).size).toBe(20);
      expect(await headSeq(store.db)).toBe(before + 20);
    });

    it('a rolled-back transaction leaves no event and no gap', async () => {
      const before = await headSeq(store.db);
      await expect(
        store.transaction(async (trx) => {
          const { incident, event } = newCase(uuid(200), '2026-11-03T01:00:00.000Z');
          await insertIncident(trx, incident);
          await appendEvents(trx, [event]);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await headSeq(store.db)).toBe(before);
      expect(await getIncident(store.db, uuid(200))).toBeNull();
      const { incident, event } = newCase(uuid(201), '2026-11-03T02:00:00.000Z');
      const [stored] = await store.transaction(async (trx) => {
        await insertIncident(trx, incident);
        return appendEvents(trx, [event]);
      });
      expect(stored!.seq).toBe(before + 1);
    });

    it('inserting the same case id twice keeps the first', async () => {
      const a = newCase(uuid(300), '2026-11-04T01:00:00.000Z').incident;
      expect(await insertIncident(store.db, a)).toBe(true);
      expect(await insertIncident(store.db, { ...a, description: '第二次' })).toBe(false);
      expect((await getIncident(store.db, a.id))!.description).toBe('测试');
    });

    it('updates only at the expected version', async () => {
      const a = newCase(uuid(400), '2026-11-05T01:00:00.000Z').incident;
      await insertIncident(store.db, a);
      const next = { ...a, version: 2, status: 'registered' as const };
      expect(await updateIncident(store.db, next, 1)).toBe(true);
      expect(await updateIncident(store.db, { ...next, version: 3 }, 1)).toBe(false);
      expect(await getIncident(store.db, a.id)).toEqual(next);
    });

    it('lists with filters, scope and a stable cursor', async () => {
      const g2 = district.grids[50]!;
      for (let i = 0; i < 7; i++) await insertIncident(store.db, newCase(uuid(500 + i), `2026-11-06T0${i}:00:00.000Z`, g2).incident);
      const now = new Date('2026-11-07T00:00:00Z');
      const page1 = await listIncidents(store.db, { grid: g2.code, limit: 4, scope: null, now });
      expect(page1.map((c) => c.id)).toEqual([uuid(506), uuid(505), uuid(504), uuid(503)]);
      const last = page1.at(-1)!;
      const page2 = await listIncidents(store.db, {
        grid: g2.code,
        limit: 4,
        scope: null,
        now,
        after: { reportedAt: last.reportedAt, id: last.id },
      });
      expect(page2.map((c) => c.id)).toEqual([uuid(502), uuid(501), uuid(500)]);
      const otherStreet = district.streets.find((s) => s.code !== g2.streetCode)!.code;
      const scoped = await listIncidents(store.db, {
        grid: g2.code,
        limit: 50,
        now,
        scope: { streets: [otherStreet], grids: [], depts: [], reporterId: 'u-reported-nothing' },
      });
      expect(scoped).toEqual([]);
    });

    it('reads a case history in order and sessions by id', async () => {
      const { incident, event } = newCase(uuid(600), '2026-11-08T01:00:00.000Z');
      await store.transaction(async (trx) => {
        await insertIncident(trx, incident);
        await appendEvents(trx, [event, { ...event, kind: 'register', at: '2026-11-08T02:00:00.000Z' }]);
      });
      expect((await eventsOfIncident(store.db, incident.id)).map((e) => e.kind)).toEqual(['report', 'register']);
      const user = {
        id: 'u-x',
        username: 'x',
        displayName: 'X',
        role: 'wall' as const,
        departmentCode: null,
        streetCode: null,
        gridCodes: [],
      };
      await insertUser(store.db, user, 'hash');
      await insertSession(store.db, 'sid', 'u-x', new Date('2026-11-08T00:00:00Z'), new Date('2026-11-09T00:00:00Z'));
      expect(await userOfSession(store.db, 'sid', new Date('2026-11-08T12:00:00Z'))).toEqual(user);
      expect(await userOfSession(store.db, 'sid', new Date('2026-11-10T00:00:00Z'))).toBeNull();
    });
  });
}

const configs = new Map<string, DbConfig>();
function makeConfigFromStore(_s: Store, name: string): DbConfig {
  return configs.get(name)!;
}

contract('SQLite', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-store-'));
  const cfg: DbConfig = { dialect: 'sqlite', file: path.join(dir, 'store.sqlite') };
  configs.set('SQLite', cfg);
  return { cfg, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
});

describe.skipIf(!pgUp)('PostgreSQL (skipped only outside CI when it is unreachable)', () => {
  contract('PostgreSQL', () => {
    const schema = uniqueSchema('sc_store');
    const cfg: DbConfig = { dialect: 'postgres', url: TEST_DATABASE_URL, schema };
    configs.set('PostgreSQL', cfg);
    return { cfg, cleanup: () => dropSchema(TEST_DATABASE_URL, schema) };
  });
});

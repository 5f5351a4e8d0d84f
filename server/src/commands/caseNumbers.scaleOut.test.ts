import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '@streetchief/shared/calendar/day';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { caseNoCounter } from '../store/migrations/0008_case_numbers.ts';
import { postgresAvailable } from '../testing/services.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

const up = await postgresAvailable();

describe.skipIf(!up)('case numbers from two nodes on one PostgreSQL schema (skipped only outside CI when unreachable)', () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    a = await startTestServer({ dialect: 'postgres' });
    b = await startTestServer({ dialect: 'postgres', schema: a.schema! });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it('200 reports sent at once over both nodes take 200 consecutive numbers, none twice; retries keep theirs', async () => {
    const year = Number(dayOf(new Date()).slice(0, 4));
    const counter = async () =>
      Number(
        (await a.store.db.selectFrom('counters').select('value').where('name', '=', caseNoCounter(year)).executeTakeFirst())?.value ?? 0,
      );
    const before = await counter();
    const cookies = { a: await a.login('patrol_liexi'), b: await b.login('patrol_liexi') };
    const [lng, lat] = interiorPoint(a.ctx.ref.grids.find((g) => g.code === '35040400200801')!.polygon)!;
    const ids = Array.from({ length: 200 }, () => randomUUID());
    const send = (id: string, i: number) =>
      (i % 2 ? b : a).api('POST', '/api/incidents', {
        cookie: i % 2 ? cookies.b : cookies.a,
        body: { id, category: 'E0101', description: '并发编号', lng, lat, source: 'patrol' },
      });
    const answers = await Promise.all(ids.map(send));
    expect(answers.map((r) => r.status)).toEqual(ids.map(() => 201));
    const nos = answers.map((r) => r.body.incident.caseNo as string);
    expect(new Set(nos).size).toBe(200);
    const seqs = nos.map((n) => {
      expect(n.startsWith(`${year}-`)).toBe(true);
      return Number(n.slice(5));
    });
    // No hole: exactly the next 200 numbers of the year, and the counter row says so.
    expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => before + 1 + i));
    expect(await counter()).toBe(before + 200);

    // Each report retried on the other node, all at once: the same numbers, nothing taken.
    const retries = await Promise.all(ids.slice(0, 50).map((id, i) => send(id, i + 1)));
    expect(retries.map((r) => r.status)).toEqual(retries.map(() => 200));
    expect(retries.map((r) => r.body.incident.caseNo)).toEqual(nos.slice(0, 50));
    expect(await counter()).toBe(before + 200);
  });
});

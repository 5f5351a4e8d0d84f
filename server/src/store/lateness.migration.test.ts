import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { incidentFixture } from '@streetchief/shared/testing/incidentFixture';
import { connect, dropSchema, type DbConfig } from './connect.ts';
import { migrateBefore, migrateToLatest } from './migrations.ts';
import { postgresAvailable, TEST_DATABASE_URL, uniqueSchema } from '../testing/services.ts';

const pgUp = await postgresAvailable();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-late-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const MISSED = '2026-11-20T09:00:00.000Z';
const EXTENDED = '2026-12-30T09:00:00.000Z';

/** A case as the store held it before 0009: no lateAt, no assists. */
function oldRow(n: number, over: Record<string, unknown>) {
  const {
    lateAt: _l,
    assists: _a,
    possibleDuplicates: _p,
    ...c
  } = incidentFixture({
    id: `00000000-0000-4000-8000-00000000090${n}`,
    caseNo: `2026-00090${n}`,
    ...over,
  });
  return {
    id: c.id,
    version: c.version,
    status: c.status,
    category_code: c.categoryCode,
    grid_code: c.gridCode,
    community_code: c.communityCode,
    street_code: c.streetCode,
    lead_dept: c.leadDept,
    depts: `|${c.leadDept ?? ''}|`,
    reporter_id: null,
    feedback_count: c.feedbackCount,
    rework_count: 0,
    return_count: 0,
    extension_count: c.extensionCount,
    reported_at: c.reportedAt,
    updated_at: c.updatedAt,
    deadline: c.deadline,
    case_no: c.caseNo,
    data: JSON.stringify(c),
  };
}

async function migrated(cfg: DbConfig): Promise<Map<string, { late_at: string | null; data: string }>> {
  const conn = await connect(cfg);
  const schema = cfg.dialect === 'postgres' ? cfg.schema : undefined;
  try {
    await migrateBefore(conn.db, '0009_lateness', schema);
    const rows = [
      // Went late on Nov 20 (the scheduler's overdue mark says so), then an extension moved the deadline.
      oldRow(1, { status: 'in_progress', leadDept: 'hwc', deadline: EXTENDED, extensionCount: 1 }),
      // Open and past its deadline now, never marked.
      oldRow(2, { status: 'dispatched', leadDept: 'hwc', deadline: MISSED }),
      // Handed in after its deadline.
      oldRow(3, { status: 'closed', leadDept: 'hwc', deadline: MISSED, handledAt: '2026-11-21T01:00:00.000Z' }),
      // On time.
      oldRow(4, { status: 'closed', leadDept: 'hwc', deadline: MISSED, handledAt: '2026-11-19T01:00:00.000Z' }),
    ];
    await conn.db
      .insertInto('incidents' as never)
      .values(rows as never)
      .execute();
    const marked = { ...(JSON.parse(rows[0]!.data) as object), deadline: MISSED };
    await conn.db
      .insertInto('events' as never)
      .values({
        seq: 1,
        kind: 'overdue',
        at: '2026-11-20T09:01:00.000Z',
        actor_id: 'system',
        incident_id: rows[0]!.id,
        payload: JSON.stringify({ type: 'incident', kind: 'overdue', incident: marked }),
      } as never)
      .execute();
    await migrateToLatest(conn.db, schema);
    const after = (await conn.db
      .selectFrom('incidents' as never)
      .select(['id', 'late_at', 'data'] as never[])
      .execute()) as {
      id: string;
      late_at: string | null;
      data: string;
    }[];
    return new Map(after.map((r) => [r.id.slice(-1), r]));
  } finally {
    await conn.close();
  }
}

function expectBackfill(rows: Map<string, { late_at: string | null; data: string }>) {
  expect([...rows.keys()].sort().map((k) => rows.get(k)!.late_at)).toEqual([MISSED, MISSED, MISSED, null]);
  // The snapshots agree with the column and gain the new fields.
  for (const r of rows.values()) {
    const c = JSON.parse(r.data) as { lateAt: string | null; assists: unknown[]; possibleDuplicates: unknown[] };
    expect(c.lateAt).toBe(r.late_at);
    expect(c.assists).toEqual([]);
    expect(c.possibleDuplicates).toEqual([]);
  }
}

describe('migration 0009: lateness recovered for existing cases', () => {
  it('SQLite: from the first overdue mark (even after an extension), a passed deadline, or a late feedback', async () => {
    expectBackfill(await migrated({ dialect: 'sqlite', file: path.join(dir, 'late.sqlite') }));
  });

  it.skipIf(!pgUp)('PostgreSQL (skipped only outside CI when unreachable): the same', async () => {
    const schema = uniqueSchema('sc_late');
    try {
      expectBackfill(await migrated({ dialect: 'postgres', url: TEST_DATABASE_URL, schema }));
    } finally {
      await dropSchema(TEST_DATABASE_URL, schema);
    }
  });
});

import type { Logger } from 'pino';
import type { Actor, District, User } from '@streetchief/shared';
import {
  generateSampleDistrict,
  SAMPLE_ACCOUNTS,
  SAMPLE_CATALOGUE,
  SAMPLE_DEPARTMENTS,
  SAMPLE_DISCLAIMER,
  SAMPLE_DISTRICT_NAME,
} from '@streetchief/shared/district/index';
import { hashPassword } from '../auth/password.ts';
import { addWorkingTime, DEFAULT_CALENDAR, workingMsBetween } from '@streetchief/shared/calendar/index';
import { GridIndex } from '@streetchief/shared/geo/index';
import { appendEvents } from '../store/eventLog.ts';
import { insertIncidents, saveCaseCounters } from '../store/incidentRepo.ts';
import { saveCatalogue, saveDepartments, saveDistrict } from '../store/referenceRepo.ts';
import type { Store } from '../store/store.ts';
import { insertUser } from '../store/userRepo.ts';
import { sampleFieldHistory } from './fieldHistory.ts';
import { generateHistory, numberCases } from './history.ts';
import { insertPatrol } from '../patrol/patrolRepo.ts';
import { insertDailyReport } from '../patrol/dailyReportRepo.ts';

/** Demo accounts get stable ids so the demo history can name them as actors. */
export const demoUserId = (username: string) => `u-${username}`;

/**
 * Fill an empty database with the sample district, its catalogue, demo accounts and 30 days of
 * history ending at `now`. Does nothing if the database already holds a district.
 */
export async function seedDemo(store: Store, opts: { now: Date; log?: Logger; days?: number }): Promise<boolean> {
  if (await store.getMeta('district_name')) return false;
  const district = generateSampleDistrict();
  const users: { user: User; hash: string }[] = [];
  for (const a of SAMPLE_ACCOUNTS) {
    const { password, ...rest } = a;
    users.push({ user: { id: demoUserId(a.username), ...rest }, hash: await hashPassword(password) });
  }
  const actor = (username: string): Actor => {
    const u = users.find((x) => x.user.username === username)?.user;
    if (!u) throw new Error(`demo account ${username} missing`);
    return { id: u.id, role: u.role, name: u.displayName };
  };
  const history = sampleHistory(district, actor, { now: opts.now, days: opts.days ?? 30 });
  // Numbered in report order, as the server would have numbered them one by one.
  const caseCounters = numberCases(history.incidents, history.events);
  const field = sampleFieldHistory(
    district,
    users.map((u) => u.user),
    opts.now,
    opts.days ?? 30,
  );
  await store.transaction(async (trx) => {
    await saveDistrict(trx, district);
    await saveDepartments(trx, [...SAMPLE_DEPARTMENTS]);
    await saveCatalogue(trx, [...SAMPLE_CATALOGUE]);
    for (const { user, hash } of users) await insertUser(trx, user, hash);
    await insertIncidents(trx, history.incidents);
    await saveCaseCounters(trx, caseCounters);
    await appendEvents(trx, history.events);
    for (const p of field.patrols) await insertPatrol(trx, p);
    for (const r of field.reports) await insertDailyReport(trx, r);
    // Written last, in the same transaction: a crash mid-seed leaves an empty database, not half a demo.
    await store.setMeta('district_name', SAMPLE_DISTRICT_NAME, trx);
    await store.setMeta('district_disclaimer', SAMPLE_DISCLAIMER, trx);
  });
  opts.log?.info(
    { cases: history.incidents.length, events: history.events.length, patrols: field.patrols.length, dailyReports: field.reports.length },
    'demo district seeded',
  );
  return true;
}

/**
 * History for the sample district on the default calendar. `actor` names the demo account behind
 * a username (`dispatcher`, `supervisor`, `dept_<code>`).
 */
export function sampleHistory(
  district: District,
  actor: (username: string) => Actor,
  o: { now: Date; days: number; skipDays?: number; perDay?: [number, number]; seed?: string },
) {
  const index = new GridIndex(district.grids);
  const grids = new Map(district.grids.map((g) => [g.code, g]));
  return generateHistory({
    ...o,
    grids: district.grids,
    staff: district.staff,
    classes: [...SAMPLE_CATALOGUE],
    locate: (lng, lat) => {
      const g = grids.get(index.locate(lng, lat) ?? '');
      return g ? { gridCode: g.code, communityCode: g.communityCode, streetCode: g.streetCode } : null;
    },
    deadline: (from, limit) => addWorkingTime(DEFAULT_CALENDAR, from, limit).deadline,
    workingMs: (from, to) => workingMsBetween(DEFAULT_CALENDAR, from, to),
    dispatcher: actor('dispatcher'),
    supervisor: actor('supervisor'),
    deptHandler: (code) => actor(`dept_${code}`),
  });
}

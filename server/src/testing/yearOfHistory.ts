import type { Role } from '@streetchief/shared';
import { dayOf } from '@streetchief/shared/calendar/day';
import { generateSampleDistrict } from '@streetchief/shared/district/index';
import { demoUserId, sampleHistory } from '../demo/seed.ts';
import { periodInstants } from '../indicators/period.ts';
import { insertIncidents } from '../store/incidentRepo.ts';
import type { TestServer } from './testServer.ts';

/**
 * About a year of cases in a demo test server: the demo's own 30 days plus 335 days before them
 * at about 75 a day (≈ 25,000 cases), for the export limit test and the export benchmark.
 * Returns the year's first and last calendar day and how many cases were reported in it.
 */
export async function insertYearOfHistory(s: TestServer): Promise<{ from: string; to: string; cases: number }> {
  const district = generateSampleDistrict();
  const role = (username: string): Role => (username.startsWith('dept_') ? 'dept_handler' : (username as Role));
  for (let k = 0; k < 5; k++) {
    const h = sampleHistory(district, (u) => ({ id: demoUserId(u), role: role(u), name: u }), {
      now: new Date(),
      days: 67,
      skipDays: 30 + 67 * k,
      perDay: [68, 80],
      seed: `export-year-${k}`,
    });
    await s.store.transaction((trx) => insertIncidents(trx, h.incidents));
  }
  const tz = s.ctx.ref.calendar.timeZone;
  const to = dayOf(Date.now(), tz);
  const from = dayOf(Date.now() - 364 * 86_400_000, tz);
  const row = await s.store.db
    .selectFrom('incidents')
    .where('reported_at', '>=', periodInstants(from, from, tz).start.toISOString())
    .where('reported_at', '<', periodInstants(to, to, tz).end.toISOString())
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { from, to, cases: Number(row.n) };
}

import type { Role } from '@streetchief/shared';
import { generateSampleDistrict } from '@streetchief/shared/district/index';
import { demoUserId, sampleHistory } from '../demo/seed.ts';
import { insertIncidents } from '../store/incidentRepo.ts';
import type { TestServer } from './testServer.ts';

/**
 * About a year of cases in a demo test server: the demo's own 30 days plus 335 days before them
 * at about 75 a day (≈ 25,000 cases), for the export limit test and the export benchmark.
 */
export async function insertYearOfHistory(s: TestServer): Promise<void> {
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
}

import { coverageReport, type CoverageReport } from '@streetchief/shared/onboarding/index';
import { listCatalogue, listDepartments, listGrids, listStaff } from '../store/referenceRepo.ts';
import type { Store } from '../store/store.ts';
import { listUsers } from '../store/userRepo.ts';

/**
 * The coverage report over what is stored: grids on the map, staff, departments, classes, and the
 * user accounts as the list of who can act (handlers per department).
 */
export async function loadCoverage(store: Store): Promise<CoverageReport> {
  const [grids, staff, departments, classes, accounts] = await Promise.all([
    listGrids(store.db),
    listStaff(store.db),
    listDepartments(store.db),
    listCatalogue(store.db),
    listUsers(store.db),
  ]);
  return coverageReport({ grids, staff, departments, classes, accounts });
}

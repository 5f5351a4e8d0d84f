import type { Sheet } from '@streetchief/shared/onboarding/index';
import { CLI_ACTOR } from '../admin/adminEnv.ts';
import type { AuditActor } from '../store/auditRepo.ts';
import type { Store } from '../store/store.ts';
import { importAccounts } from './importAccounts.ts';
import { importGrids } from './importGrids.ts';
import { importCalendar, importClasses, importDepartments, importStaff } from './importRows.ts';
import { readTable } from './readTable.ts';
import type { ImportOutcome } from './transaction.ts';

/**
 * What can be imported, in the order a new district does it (classes need departments, staff need
 * grids, accounts name grids, streets and departments).
 */
export const IMPORT_KINDS = ['grids', 'departments', 'classes', 'calendar', 'staff', 'accounts'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Largest import file: a district's grid map with detailed boundaries is a few MiB. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export interface ImportOptions {
  /** Check and compute the summary, write nothing. */
  dryRun: boolean;
  now: Date;
  /** XLSX: the worksheet to read (default the first). */
  sheet?: string;
  /** Grids: the district's name. */
  name?: string;
  /** Accounts: who creates them, for the audit log (default the command line). */
  actor?: AuditActor;
}

const TABLES: Record<
  Exclude<ImportKind, 'grids' | 'accounts'>,
  (store: Store, sheet: Sheet, o: { dryRun: boolean }) => Promise<ImportOutcome<object>>
> = {
  departments: importDepartments,
  classes: importClasses,
  calendar: importCalendar,
  staff: importStaff,
};

/**
 * Import one file: the grid map as GeoJSON, the others as CSV (UTF-8 or GBK) or XLSX. Nothing is
 * written unless the whole file is valid. The caller reloads its reference data after a committed
 * import; other nodes notice the new reference version by themselves.
 */
export async function runImport(store: Store, kind: ImportKind, bytes: Uint8Array, o: ImportOptions): Promise<ImportOutcome<object>> {
  if (kind === 'grids') return importGrids(store, bytes, { dryRun: o.dryRun, now: o.now, name: o.name });
  const table = await readTable(bytes, { sheet: o.sheet });
  if (!table.ok) return table;
  if (kind === 'accounts') return importAccounts(store, table.sheet, { dryRun: o.dryRun, now: o.now, actor: o.actor ?? CLI_ACTOR });
  return TABLES[kind](store, table.sheet, { dryRun: o.dryRun });
}

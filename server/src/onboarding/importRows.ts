import { DEFAULT_CALENDAR, WorkCalendarSchema } from '@streetchief/shared/calendar/index';
import { checkCalendar, checkClasses, checkDepartments, checkStaff, type Sheet } from '@streetchief/shared/onboarding/index';
import { listDepartments, listGrids, replaceStaff, upsertCatalogue, upsertDepartments, type UpsertCount } from '../store/referenceRepo.ts';
import type { Store } from '../store/store.ts';
import { importInTransaction, type ImportOutcome } from './transaction.ts';

/** Counts of an upsert; codes only for what the file left out, which the operator may want to check. */
export interface UpsertSummary {
  total: number;
  added: number;
  updated: number;
  unchanged: number;
  notInFile: string[];
}

const counted = (c: UpsertCount): UpsertSummary => ({
  total: c.added.length + c.updated.length + c.unchanged,
  added: c.added.length,
  updated: c.updated.length,
  unchanged: c.unchanged,
  notInFile: c.notInFile,
});

/** Departments (部门): upserted by code; those the file leaves out stay, since cases and accounts name them. */
export function importDepartments(store: Store, sheet: Sheet, o: { dryRun: boolean }): Promise<ImportOutcome<UpsertSummary>> {
  return importInTransaction(store, o.dryRun, async (trx) => {
    const checked = checkDepartments(sheet);
    if (!checked.ok) return checked;
    return { ok: true, summary: counted(await upsertDepartments(trx, checked.departments)) };
  });
}

/** Case classes (大类/小类), checked against the stored departments; upserted by code. */
export function importClasses(store: Store, sheet: Sheet, o: { dryRun: boolean }): Promise<ImportOutcome<UpsertSummary>> {
  return importInTransaction(store, o.dryRun, async (trx) => {
    const checked = checkClasses(sheet, await listDepartments(trx));
    if (!checked.ok) return checked;
    return { ok: true, summary: counted(await upsertCatalogue(trx, checked.classes)) };
  });
}

export interface CalendarSummary {
  years: { year: number; holidays: number; makeUpWorkdays: number }[];
  knownYears: number[];
}

/**
 * A year's holidays and make-up working days, merged into the stored calendar (or the shipped
 * default). Deadlines already set stay as they are; new ones count with the new calendar.
 */
export function importCalendar(store: Store, sheet: Sheet, o: { dryRun: boolean }): Promise<ImportOutcome<CalendarSummary>> {
  return importInTransaction(store, o.dryRun, async (trx) => {
    const stored = await store.getMeta('calendar', trx);
    const current = stored ? WorkCalendarSchema.parse(JSON.parse(stored)) : DEFAULT_CALENDAR;
    const checked = checkCalendar(sheet, current);
    if (!checked.ok) return checked;
    await store.setMeta('calendar', JSON.stringify(checked.calendar), trx);
    return { ok: true, summary: { years: checked.years, knownYears: checked.calendar.knownYears } };
  });
}

export interface StaffSummary {
  added: number;
  removed: number;
  /** Grids on the map with at least one person on the staff list. */
  gridsStaffed: number;
  gridsOnMap: number;
}

/** The staff list (一格五员) of the grids on the map; replaces the stored list as a whole. */
export function importStaff(store: Store, sheet: Sheet, o: { dryRun: boolean }): Promise<ImportOutcome<StaffSummary>> {
  return importInTransaction(store, o.dryRun, async (trx) => {
    const grids = new Set((await listGrids(trx)).map((g) => g.code));
    const checked = checkStaff(sheet, grids);
    if (!checked.ok) return checked;
    const { added, removed } = await replaceStaff(trx, checked.staff);
    return {
      ok: true,
      summary: { added, removed, gridsStaffed: new Set(checked.staff.map((s) => s.gridCode)).size, gridsOnMap: grids.size },
    };
  });
}

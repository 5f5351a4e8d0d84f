import type { CaseClass, Community, Department, District, Grid, Staff, Street } from '@streetchief/shared';
import type { Selectable } from 'kysely';
import type { DB } from './schema.ts';
import type { Executor } from './store.ts';

/** `{ [key]: value }` when the column holds a name, else nothing: optional names stay absent, not undefined. */
const optional = <K extends string>(key: K, value: string | null): Partial<Record<K, string>> =>
  value === null || value === '' ? {} : ({ [key]: value } as Record<K, string>);

const streetRow = (s: Street) => ({ code: s.code, name: s.name, name_en: s.nameEn ?? null });
const communityRow = (c: Community) => ({ code: c.code, name: c.name, name_en: c.nameEn ?? null, street_code: c.streetCode });
const departmentRow = (d: Department) => ({
  code: d.code,
  name: d.name,
  name_en: d.nameEn ?? null,
  short_name: d.shortName ?? null,
  short_name_en: d.shortNameEn ?? null,
});

async function chunked<T>(items: T[], size: number, fn: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await fn(items.slice(i, i + size));
}

/** Write a district's geography and staff (streets → communities → grids → staff). */
export async function saveDistrict(ex: Executor, d: District): Promise<void> {
  await ex.insertInto('streets').values(d.streets.map(streetRow)).execute();
  await ex.insertInto('communities').values(d.communities.map(communityRow)).execute();
  await chunked(d.grids, 100, (part) =>
    ex
      .insertInto('grids')
      .values(
        part.map((g) => ({
          code: g.code,
          name: g.name,
          name_en: g.nameEn ?? null,
          community_code: g.communityCode,
          street_code: g.streetCode,
          chief: g.chief,
          polygon: JSON.stringify(g.polygon),
        })),
      )
      .execute(),
  );
  await chunked(d.staff, 100, (part) =>
    ex
      .insertInto('staff')
      .values(part.map((s) => ({ id: s.id, grid_code: s.gridCode, post: s.post, name: s.name, phone: s.phone })))
      .execute(),
  );
}

export async function listStreets(ex: Executor): Promise<Street[]> {
  const rows = await ex.selectFrom('streets').selectAll().orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, name: r.name, ...optional('nameEn', r.name_en) }));
}

export async function listCommunities(ex: Executor): Promise<Community[]> {
  const rows = await ex.selectFrom('communities').selectAll().orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, name: r.name, ...optional('nameEn', r.name_en), streetCode: r.street_code }));
}

function toGrid(r: Selectable<DB['grids']>): Grid {
  return {
    code: r.code,
    name: r.name,
    ...optional('nameEn', r.name_en),
    communityCode: r.community_code,
    streetCode: r.street_code,
    chief: r.chief,
    polygon: JSON.parse(r.polygon) as Grid['polygon'],
  };
}

/** The grids on the map (not retired), by code. */
export async function listGrids(ex: Executor): Promise<Grid[]> {
  const rows = await ex.selectFrom('grids').selectAll().where('retired_at', 'is', null).orderBy('code').execute();
  return rows.map(toGrid);
}

/** Grids a later map dropped: off the map, kept so old cases still resolve their names. */
export async function listRetiredGrids(ex: Executor): Promise<(Grid & { retiredAt: string })[]> {
  const rows = await ex.selectFrom('grids').selectAll().where('retired_at', 'is not', null).orderBy('code').execute();
  return rows.map((r) => ({ ...toGrid(r), retiredAt: r.retired_at! }));
}

export async function listStaff(ex: Executor): Promise<Staff[]> {
  const rows = await ex.selectFrom('staff').selectAll().orderBy('grid_code').orderBy('post').execute();
  return rows.map((r) => ({ id: r.id, gridCode: r.grid_code, post: r.post as Staff['post'], name: r.name, phone: r.phone }));
}

export async function saveDepartments(ex: Executor, depts: Department[]): Promise<void> {
  await ex.insertInto('departments').values(depts.map(departmentRow)).execute();
}

export async function listDepartments(ex: Executor): Promise<Department[]> {
  const rows = await ex.selectFrom('departments').selectAll().orderBy('code').execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    ...optional('nameEn', r.name_en),
    ...optional('shortName', r.short_name),
    ...optional('shortNameEn', r.short_name_en),
  }));
}

export async function saveCatalogue(ex: Executor, classes: CaseClass[]): Promise<void> {
  await chunked(classes, 100, (part) => ex.insertInto('case_classes').values(part.map(classRow)).execute());
}

export async function listCatalogue(ex: Executor): Promise<CaseClass[]> {
  const rows = await ex.selectFrom('case_classes').selectAll().orderBy('code').execute();
  return rows.map((r) => ({
    code: r.code,
    kind: r.kind as CaseClass['kind'],
    major: r.major,
    ...optional('majorEn', r.major_en),
    name: r.name,
    ...optional('nameEn', r.name_en),
    departmentCode: r.department_code,
    timeLimit: { value: Number(r.limit_value), unit: r.limit_unit as CaseClass['timeLimit']['unit'] },
    // Absent (not undefined) when the class uses the default check time limit.
    ...(r.check_limit_value !== null && r.check_limit_unit
      ? { checkLimit: { value: Number(r.check_limit_value), unit: r.check_limit_unit as CaseClass['timeLimit']['unit'] } }
      : {}),
    urgent: Number(r.urgent) === 1,
  }));
}

/** The check time limit's columns (migration 0008); null when the class uses the default. */
const checkLimitColumns = (c: CaseClass) => ({
  check_limit_value: c.checkLimit?.value ?? null,
  check_limit_unit: c.checkLimit?.unit ?? null,
});

/** What an import changed, by code. */
export interface UpsertCount {
  added: string[];
  updated: string[];
  unchanged: number;
  /** In the database but not in the file: left as they are (cases and accounts may name them). */
  notInFile: string[];
}

/**
 * Insert new rows and update changed ones, by code; rows the file does not have stay. `same`
 * decides whether a stored row already equals the incoming one.
 */
async function upsertByCode<R extends { code: string }>(
  existing: Map<string, R>,
  incoming: readonly R[],
  insert: (rows: R[]) => Promise<unknown>,
  update: (row: R) => Promise<unknown>,
  same: (a: R, b: R) => boolean,
): Promise<UpsertCount> {
  const added: R[] = [];
  const updated: R[] = [];
  for (const row of incoming) {
    const old = existing.get(row.code);
    if (!old) added.push(row);
    else if (!same(old, row)) updated.push(row);
  }
  await chunked(added, 100, insert);
  for (const row of updated) await update(row);
  const codes = new Set(incoming.map((r) => r.code));
  return {
    added: added.map((r) => r.code),
    updated: updated.map((r) => r.code),
    unchanged: incoming.length - added.length - updated.length,
    notInFile: [...existing.keys()].filter((c) => !codes.has(c)).sort(),
  };
}

/** What a new map did to the stored geography. */
export interface GeographyChange {
  grids: UpsertCount & { retired: string[]; restored: string[] };
  communities: UpsertCount;
  streets: UpsertCount;
}

/**
 * Make the stored geography the imported map's. Streets and communities are upserted and never
 * deleted (old cases name them). Grids are upserted; a grid the map no longer has is retired at
 * `now`, a retired grid the map has again comes back. Cases are not touched: they keep their grid,
 * community and street codes.
 */
export async function replaceGeography(ex: Executor, d: District, now: Date): Promise<GeographyChange> {
  const streets = await upsertByCode(
    new Map((await listStreets(ex)).map((s) => [s.code, s])),
    d.streets,
    (rows) => ex.insertInto('streets').values(rows.map(streetRow)).execute(),
    (s) => ex.updateTable('streets').set(streetRow(s)).where('code', '=', s.code).execute(),
    (a, b) => a.name === b.name && a.nameEn === b.nameEn,
  );
  const communityRows = await listCommunities(ex);
  const communities = await upsertByCode(
    new Map(communityRows.map((c) => [c.code, c])),
    d.communities,
    (rows) => ex.insertInto('communities').values(rows.map(communityRow)).execute(),
    (c) => ex.updateTable('communities').set(communityRow(c)).where('code', '=', c.code).execute(),
    (a, b) => a.name === b.name && a.nameEn === b.nameEn && a.streetCode === b.streetCode,
  );
  const gridRows = await ex.selectFrom('grids').selectAll().execute();
  const stored = new Map(gridRows.map((r) => [r.code, { ...toGrid(r), retired: r.retired_at !== null }]));
  const restored = d.grids.filter((g) => stored.get(g.code)?.retired).map((g) => g.code);
  const row = (g: Grid) => ({
    code: g.code,
    name: g.name,
    name_en: g.nameEn ?? null,
    community_code: g.communityCode,
    street_code: g.streetCode,
    chief: g.chief,
    polygon: JSON.stringify(g.polygon),
    retired_at: null,
  });
  const grids = await upsertByCode(
    stored,
    d.grids.map((g) => ({ ...g, retired: false })),
    (rows) => ex.insertInto('grids').values(rows.map(row)).execute(),
    (g) => ex.updateTable('grids').set(row(g)).where('code', '=', g.code).execute(),
    (a, b) =>
      a.retired === b.retired &&
      a.name === b.name &&
      a.nameEn === b.nameEn &&
      a.communityCode === b.communityCode &&
      a.chief === b.chief &&
      JSON.stringify(a.polygon) === JSON.stringify(b.polygon),
  );
  const retired = grids.notInFile.filter((code) => !stored.get(code)!.retired);
  await chunked(retired, 100, (part) => ex.updateTable('grids').set({ retired_at: now.toISOString() }).where('code', 'in', part).execute());
  return { grids: { ...grids, notInFile: [], retired, restored }, communities, streets };
}

/** Upsert departments by code; departments the file leaves out stay (cases and accounts name them). */
export async function upsertDepartments(ex: Executor, depts: readonly Department[]): Promise<UpsertCount> {
  return upsertByCode(
    new Map((await listDepartments(ex)).map((d) => [d.code, d])),
    depts,
    (rows) => ex.insertInto('departments').values(rows.map(departmentRow)).execute(),
    (d) => ex.updateTable('departments').set(departmentRow(d)).where('code', '=', d.code).execute(),
    (a, b) => JSON.stringify(departmentRow(a)) === JSON.stringify(departmentRow(b)),
  );
}

function classRow(c: CaseClass) {
  return {
    code: c.code,
    kind: c.kind,
    major: c.major,
    major_en: c.majorEn ?? null,
    name: c.name,
    name_en: c.nameEn ?? null,
    department_code: c.departmentCode,
    limit_value: c.timeLimit.value,
    limit_unit: c.timeLimit.unit,
    ...checkLimitColumns(c),
    urgent: c.urgent ? 1 : 0,
  };
}

/** Upsert case classes by code; classes the file leaves out stay (old cases name them). */
export async function upsertCatalogue(ex: Executor, classes: readonly CaseClass[]): Promise<UpsertCount> {
  return upsertByCode(
    new Map((await listCatalogue(ex)).map((c) => [c.code, c])),
    classes,
    (rows) => ex.insertInto('case_classes').values(rows.map(classRow)).execute(),
    (c) => ex.updateTable('case_classes').set(classRow(c)).where('code', '=', c.code).execute(),
    (a, b) => JSON.stringify(classRow(a)) === JSON.stringify(classRow(b)),
  );
}

/** Replace the whole staff list (一格五员): the file names everyone. */
export async function replaceStaff(ex: Executor, staff: readonly Staff[]): Promise<{ removed: number; added: number }> {
  const res = await ex.deleteFrom('staff').executeTakeFirst();
  await chunked([...staff], 100, (part) =>
    ex
      .insertInto('staff')
      .values(part.map((s) => ({ id: s.id, grid_code: s.gridCode, post: s.post, name: s.name, phone: s.phone })))
      .execute(),
  );
  return { removed: Number(res.numDeletedRows), added: staff.length };
}

/** The counter row that changes with every reference-data import. */
const REFERENCE_VERSION = 'reference_version';

/** The reference-data version: 0 until the first import. */
export async function referenceVersion(ex: Executor): Promise<number> {
  const row = await ex.selectFrom('counters').select('value').where('name', '=', REFERENCE_VERSION).executeTakeFirst();
  return row ? Number(row.value) : 0;
}

/**
 * Count one more reference-data change, inside the import's transaction. An increment in place
 * (the row lock orders concurrent imports, as for the event sequence) gives every committed import
 * its own number, which is what other nodes compare to notice it.
 */
export async function bumpReferenceVersion(ex: Executor): Promise<number> {
  await ex
    .insertInto('counters')
    .values({ name: REFERENCE_VERSION, value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
    .execute();
  return referenceVersion(ex);
}

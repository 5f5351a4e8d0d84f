import type { CaseClass, Community, Department, District, Grid, Staff, Street } from '@streetchief/shared';
import type { Executor } from './store.ts';

async function chunked<T>(items: T[], size: number, fn: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await fn(items.slice(i, i + size));
}

/** Write a district's geography and staff (streets → communities → grids → staff). */
export async function saveDistrict(ex: Executor, d: District): Promise<void> {
  await ex
    .insertInto('streets')
    .values(d.streets.map((s) => ({ code: s.code, name: s.name })))
    .execute();
  await ex
    .insertInto('communities')
    .values(d.communities.map((c) => ({ code: c.code, name: c.name, street_code: c.streetCode })))
    .execute();
  await chunked(d.grids, 100, (part) =>
    ex
      .insertInto('grids')
      .values(
        part.map((g) => ({
          code: g.code,
          name: g.name,
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
  return ex.selectFrom('streets').select(['code', 'name']).orderBy('code').execute();
}

export async function listCommunities(ex: Executor): Promise<Community[]> {
  const rows = await ex.selectFrom('communities').selectAll().orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, name: r.name, streetCode: r.street_code }));
}

export async function listGrids(ex: Executor): Promise<Grid[]> {
  const rows = await ex.selectFrom('grids').selectAll().orderBy('code').execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    communityCode: r.community_code,
    streetCode: r.street_code,
    chief: r.chief,
    polygon: JSON.parse(r.polygon) as Grid['polygon'],
  }));
}

export async function listStaff(ex: Executor): Promise<Staff[]> {
  const rows = await ex.selectFrom('staff').selectAll().orderBy('grid_code').orderBy('post').execute();
  return rows.map((r) => ({ id: r.id, gridCode: r.grid_code, post: r.post as Staff['post'], name: r.name, phone: r.phone }));
}

export async function saveDepartments(ex: Executor, depts: Department[]): Promise<void> {
  await ex.insertInto('departments').values(depts).execute();
}

export async function listDepartments(ex: Executor): Promise<Department[]> {
  return ex.selectFrom('departments').select(['code', 'name']).orderBy('code').execute();
}

export async function saveCatalogue(ex: Executor, classes: CaseClass[]): Promise<void> {
  await chunked(classes, 100, (part) =>
    ex
      .insertInto('case_classes')
      .values(
        part.map((c) => ({
          code: c.code,
          kind: c.kind,
          major: c.major,
          name: c.name,
          department_code: c.departmentCode,
          limit_value: c.timeLimit.value,
          limit_unit: c.timeLimit.unit,
          urgent: c.urgent ? 1 : 0,
        })),
      )
      .execute(),
  );
}

export async function listCatalogue(ex: Executor): Promise<CaseClass[]> {
  const rows = await ex.selectFrom('case_classes').selectAll().orderBy('code').execute();
  return rows.map((r) => ({
    code: r.code,
    kind: r.kind as CaseClass['kind'],
    major: r.major,
    name: r.name,
    departmentCode: r.department_code,
    timeLimit: { value: Number(r.limit_value), unit: r.limit_unit as CaseClass['timeLimit']['unit'] },
    urgent: Number(r.urgent) === 1,
  }));
}

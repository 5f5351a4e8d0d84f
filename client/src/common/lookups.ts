import type { CaseClass } from '@streetchief/shared/domain/catalogue';
import type { Department } from '@streetchief/shared/domain/district';
import type { Categories } from '../api/categories.ts';
import type { GridCollection } from '../api/grids.ts';

export interface GridInfo {
  code: string;
  name: string;
  communityName: string;
  streetCode: string;
  streetName: string;
}

/** Names for codes: grids, streets, case classes and departments, built once per reference load. */
export interface Lookups {
  grid(code: string): GridInfo | undefined;
  category(code: string): string | undefined;
  /** The whole class: its responsible department (the dispatch suggestion), time limit, urgency. */
  caseClass(code: string): CaseClass | undefined;
  department(code: string | null): string | undefined;
  /** Streets in the order the grids list them. */
  streets: { code: string; name: string }[];
  /** Departments in catalogue order. */
  departments: Department[];
}

export function buildLookups(grids: GridCollection | null, categories: Categories | null): Lookups {
  const gridMap = new Map<string, GridInfo>();
  const streets = new Map<string, string>();
  for (const f of grids?.features ?? []) {
    const p = f.properties;
    gridMap.set(p.code, { code: p.code, name: p.name, communityName: p.communityName, streetCode: p.streetCode, streetName: p.streetName });
    if (!streets.has(p.streetCode)) streets.set(p.streetCode, p.streetName || p.streetCode);
  }
  const classes = new Map((categories?.classes ?? []).map((c) => [c.code, c]));
  const departments = new Map((categories?.departments ?? []).map((d) => [d.code, d.name]));
  return {
    grid: (code) => gridMap.get(code),
    category: (code) => classes.get(code)?.name,
    caseClass: (code) => classes.get(code),
    department: (code) => (code ? (departments.get(code) ?? code) : undefined),
    streets: [...streets].map(([code, name]) => ({ code, name })),
    departments: categories?.departments ?? [],
  };
}

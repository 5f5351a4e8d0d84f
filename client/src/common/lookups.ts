import type { CaseClass } from '@streetchief/shared/domain/catalogue';
import { localMajor, localName, localShortName } from '@streetchief/shared/domain/localName';
import type { Categories } from '../api/categories.ts';
import type { GridCollection } from '../api/grids.ts';
import type { Lang } from '../i18n/dict.ts';

/** A grid's names in the lookups' language. */
export interface GridInfo {
  code: string;
  name: string;
  communityName: string;
  streetCode: string;
  streetName: string;
}

/**
 * Names for codes: grids, streets, case classes and departments, built once per reference load and
 * language. Names are in that language where the district has them, else in Chinese (an imported
 * district may have no English names).
 */
export interface Lookups {
  /** The language the names are in. */
  lang: Lang;
  grid(code: string): GridInfo | undefined;
  category(code: string): string | undefined;
  /** A class's major class (大类). */
  classMajor(code: string): string | undefined;
  /** The whole class: its responsible department (the dispatch suggestion), time limit, urgency; names in Chinese and English. */
  caseClass(code: string): CaseClass | undefined;
  /** A department's full name; its code when unknown. */
  department(code: string | null): string | undefined;
  /** A department's short name for tight spaces (a wall tile: 交警大队, `Traffic Police`); its code when unknown. */
  departmentShort(code: string | null): string | undefined;
  /** Streets in the order the grids list them. */
  streets: { code: string; name: string }[];
  /** Departments in catalogue order, named in the lookups' language. */
  departments: { code: string; name: string; shortName: string }[];
}

export function buildLookups(grids: GridCollection | null, categories: Categories | null, lang: Lang): Lookups {
  const gridMap = new Map<string, GridInfo>();
  const streets = new Map<string, string>();
  for (const f of grids?.features ?? []) {
    const p = f.properties;
    const streetName = localName({ name: p.streetName, nameEn: p.streetNameEn }, lang);
    gridMap.set(p.code, {
      code: p.code,
      name: localName(p, lang),
      communityName: localName({ name: p.communityName, nameEn: p.communityNameEn }, lang),
      streetCode: p.streetCode,
      streetName,
    });
    if (!streets.has(p.streetCode)) streets.set(p.streetCode, streetName || p.streetCode);
  }
  const classes = new Map((categories?.classes ?? []).map((c) => [c.code, c]));
  const departments = new Map((categories?.departments ?? []).map((d) => [d.code, d]));
  return {
    lang,
    grid: (code) => gridMap.get(code),
    category: (code) => {
      const c = classes.get(code);
      return c && localName(c, lang);
    },
    classMajor: (code) => {
      const c = classes.get(code);
      return c && localMajor(c, lang);
    },
    caseClass: (code) => classes.get(code),
    department: (code) => {
      if (!code) return undefined;
      const d = departments.get(code);
      return d ? localName(d, lang) : code;
    },
    departmentShort: (code) => {
      if (!code) return undefined;
      const d = departments.get(code);
      return d ? localShortName(d, lang) : code;
    },
    streets: [...streets].map(([code, name]) => ({ code, name })),
    departments: (categories?.departments ?? []).map((d) => ({
      code: d.code,
      name: localName(d, lang),
      shortName: localShortName(d, lang),
    })),
  };
}

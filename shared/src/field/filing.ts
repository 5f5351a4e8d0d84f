import type { Role } from '../domain/roles.ts';
import { PATROL_ROLES } from '../domain/patrol.ts';

/** Who is expected to file a daily report: patrol officers and grid staff, for their grids. */
export interface Filer {
  userId: string;
  name: string;
  role: Role;
  gridCodes: readonly string[];
}

export interface FiledReport {
  userId: string;
  submittedAt: string;
  late: boolean;
}

export interface GridFiling {
  gridCode: string;
  streetCode: string;
  /** Staff who should file for this grid today, with whether (and when) they did. */
  staff: { userId: string; name: string; filedAt: string | null; late: boolean }[];
  filed: number;
  expected: number;
}

export interface StreetFiling {
  streetCode: string;
  /** Grids where every expected report is filed / grids where someone is expected. */
  gridsComplete: number;
  gridsExpected: number;
  /** People who filed / people expected (a person with grids in two streets counts in both). */
  filed: number;
  expected: number;
}

/**
 * Who has and has not filed today, per grid and per street (the wall's and the desk's figure).
 * Pure: the caller passes the users, the day's reports and the grid → street map.
 */
export function filingStatus(
  filers: readonly Filer[],
  reports: readonly FiledReport[],
  grids: readonly { code: string; streetCode: string }[],
): { grids: GridFiling[]; streets: StreetFiling[] } {
  const byUser = new Map(reports.map((r) => [r.userId, r]));
  const byGrid = new Map<string, GridFiling>(
    grids.map((g) => [g.code, { gridCode: g.code, streetCode: g.streetCode, staff: [], filed: 0, expected: 0 }]),
  );
  for (const f of filers) {
    if (!(PATROL_ROLES as readonly string[]).includes(f.role)) continue;
    const r = byUser.get(f.userId);
    for (const code of f.gridCodes) {
      const g = byGrid.get(code);
      if (!g) continue;
      g.staff.push({ userId: f.userId, name: f.name, filedAt: r?.submittedAt ?? null, late: r?.late ?? false });
      g.expected++;
      if (r) g.filed++;
    }
  }
  const streets = new Map<string, StreetFiling & { people: Map<string, boolean> }>();
  for (const g of byGrid.values()) {
    let s = streets.get(g.streetCode);
    if (!s)
      streets.set(
        g.streetCode,
        (s = { streetCode: g.streetCode, gridsComplete: 0, gridsExpected: 0, filed: 0, expected: 0, people: new Map() }),
      );
    if (g.expected === 0) continue;
    s.gridsExpected++;
    if (g.filed === g.expected) s.gridsComplete++;
    for (const p of g.staff) s.people.set(p.userId, p.filedAt !== null);
  }
  return {
    grids: [...byGrid.values()].filter((g) => g.expected > 0),
    streets: [...streets.values()].map(({ people, ...s }) => ({
      ...s,
      expected: people.size,
      filed: [...people.values()].filter(Boolean).length,
    })),
  };
}

/**
 * What an import check found wrong. Every check reports every problem it finds (never only the
 * first), each pointing at the row or feature to fix, so a whole file is corrected in one round.
 */
export interface Problem {
  /** Stable machine-readable kind, e.g. `grid_overlap`; the /admin screen may key help text on it. */
  code: string;
  /**
   * Where: `row 7` (spreadsheet row number, the header being row 1), `#3 (35040400200801)` (the
   * third feature of a GeoJSON file, with its grid code when readable), `35040400200801 ×
   * 35040400200802` (a pair of grids), `gap 1`, or `file`.
   */
  feature: string;
  /** The column or property at fault, when there is one. */
  field?: string;
  /** Chinese first, English in brackets: `网格编码重复 (duplicate grid code 35040400200801)`. */
  message: string;
  /** A representative point of the problem (an overlap, a gap, a self-intersection), `[lng, lat]`. */
  at?: [number, number];
  /** Area of an overlap or gap, in m². */
  areaM2?: number;
}

/** A check's answer: the validated value, or every problem found. */
export type Checked<T> = ({ ok: true } & T) | { ok: false; problems: Problem[] };

/** Build a problem whose message reads `中文 (English)`. */
export function problem(
  code: string,
  feature: string,
  zh: string,
  en: string,
  extra: { field?: string; at?: [number, number]; areaM2?: number } = {},
): Problem {
  return { code, feature, ...extra, message: `${zh} (${en})` };
}

/** One line per problem, for a terminal or a log. */
export function formatProblem(p: Problem): string {
  const where = p.field ? `${p.feature} · ${p.field}` : p.feature;
  const at = p.at ? ` @ ${p.at[0].toFixed(6)},${p.at[1].toFixed(6)}` : '';
  return `${where}: ${p.message}${at}`;
}

/** Collects problems for one check run. */
export class Problems {
  readonly list: Problem[] = [];

  add(p: Problem): void {
    this.list.push(p);
  }

  get empty(): boolean {
    return this.list.length === 0;
  }
}

import { problem, type Problem } from './problem.ts';

/** One data row of a table: its row number in the file (the header is row 1) and its cells by header. */
export interface SheetRow {
  row: number;
  values: Readonly<Record<string, string>>;
}

/** A table as the server read it from CSV or XLSX: the header row and the data rows below it. */
export interface Sheet {
  headers: readonly string[];
  rows: readonly SheetRow[];
}

/** A sheet from plain records, numbered from row 2 (for tests and callers without row numbers). */
export function sheetOf(records: readonly Record<string, string>[], headers?: readonly string[]): Sheet {
  return {
    headers: headers ?? [...new Set(records.flatMap((r) => Object.keys(r)))],
    rows: records.map((values, i) => ({ row: i + 2, values })),
  };
}

/** A column an import understands: the header names accepted for it (Chinese first, then English). */
export interface ColumnSpec<K extends string = string> {
  key: K;
  headers: readonly string[];
  required: boolean;
}

/**
 * The comparable form of a header or property name: Unicode-compatible (full-width letters and
 * brackets become ASCII), lower case, without spaces, a leading BOM or a trailing `*` (templates
 * mark required columns with one).
 */
export function normalizeName(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\*+$/, '')
    .toLowerCase();
}

/** Where each known column is in a table: key → the header as written in the file. */
export type ColumnMap<K extends string> = Partial<Record<K, string>>;

/**
 * Match a file's headers to the columns of an import. Unknown headers are ignored (files often carry
 * extra columns such as 备注); a required column that is missing, or two headers naming the same
 * column, is a problem of the whole file.
 */
export function resolveColumns<K extends string>(
  headers: readonly string[],
  specs: readonly ColumnSpec<K>[],
): { columns: ColumnMap<K>; problems: Problem[] } {
  const byName = new Map<string, K>();
  for (const s of specs) for (const h of s.headers) byName.set(normalizeName(h), s.key);
  const columns: ColumnMap<K> = {};
  const problems: Problem[] = [];
  for (const header of headers) {
    const key = byName.get(normalizeName(header));
    if (!key) continue;
    const taken = columns[key];
    if (taken !== undefined) {
      problems.push(
        problem('column_duplicate', 'file', `列“${taken}”与“${header}”重复`, `columns "${taken}" and "${header}" mean the same`, {
          field: header,
        }),
      );
      continue;
    }
    columns[key] = header;
  }
  for (const s of specs) {
    if (s.required && columns[s.key] === undefined) {
      problems.push(
        problem('column_missing', 'file', `缺少列“${s.headers[0]}”`, `missing column; accepted headers: ${s.headers.join(', ')}`, {
          field: s.headers[0],
        }),
      );
    }
  }
  return { columns, problems };
}

/** A row's value in a column, trimmed; '' when the column is absent or the cell empty. */
export function cellOf<K extends string>(row: SheetRow, columns: ColumnMap<K>, key: K): string {
  const header = columns[key];
  return header === undefined ? '' : (row.values[header] ?? '').trim();
}

/** A code as typed: NFKC turns full-width digits and letters (common with Chinese input methods) into ASCII. */
export function normalizeCode(value: string): string {
  return value.normalize('NFKC').replace(/\s+/g, '');
}

/** `row 7`, the way problems name a table row. */
export const rowLabel = (row: SheetRow): string => `row ${row.row}`;

/** Rows that hold nothing at all (trailing blank lines Excel leaves behind) are skipped, not errors. */
export function isBlankRow(row: SheetRow): boolean {
  return Object.values(row.values).every((v) => v.trim() === '');
}

/** A yes/no cell: 是/否, Y/N, true/false, 1/0; `null` when unreadable, `fallback` when empty. */
export function parseYesNo(value: string, fallback: boolean): boolean | null {
  const v = normalizeName(value);
  if (v === '') return fallback;
  if (['是', '紧急', 'y', 'yes', 'true', '1', '√'].includes(v)) return true;
  if (['否', '不紧急', '非紧急', 'n', 'no', 'false', '0', '×'].includes(v)) return false;
  return null;
}

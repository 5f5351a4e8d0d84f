/**
 * CSV as the exports write it (RFC 4180, CRLF lines), one rule for the server's streamed exports
 * and for a table a browser builds from the figures it shows.
 */

/** One field: quoted when it holds a comma, quote or line break; a formula neutralised. */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  // A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection).
  if (typeof v === 'string' && /^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One line of fields, without its line break. */
export function csvLine(fields: readonly (string | number | null)[]): string {
  return fields.map(csvField).join(',');
}

/** The byte-order mark that makes spreadsheet programs read the file (and its Chinese headers) as UTF-8. */
export const CSV_BOM = '\uFEFF';

/** A whole small table: BOM, header line, rows, each line ended by CRLF. */
export function csvDocument(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return CSV_BOM + [header, ...rows].map((r) => csvLine(r) + '\r\n').join('');
}

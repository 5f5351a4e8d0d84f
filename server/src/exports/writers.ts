import type { Response } from 'express';
import ExcelJS from 'exceljs';
import type { Column } from './columns.ts';

/** RFC 4180 field: quoted when it holds a comma, quote or line break; formulas neutralised. */
function csvField(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  // A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection).
  if (typeof v === 'string' && /^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export type Format = 'csv' | 'xlsx';

/**
 * Stream rows to the response page by page, so a year of cases never sits in memory: `pages`
 * yields batches (keyset-paged reads), each written before the next is read.
 */
export async function streamTable<T>(
  res: Response,
  format: Format,
  filename: string,
  columns: Column<T>[],
  pages: AsyncIterable<T[]>,
): Promise<void> {
  const encoded = encodeURIComponent(`${filename}.${format}`);
  res.setHeader('Content-Disposition', `attachment; filename="export.${format}"; filename*=UTF-8''${encoded}`);
  if (format === 'csv') {
    res.type('text/csv; charset=utf-8');
    // BOM: so spreadsheet programs read the Chinese headers as UTF-8.
    res.write('\uFEFF' + columns.map((c) => csvField(c.header)).join(',') + '\r\n');
    for await (const page of pages) {
      const chunk = page.map((row) => columns.map((c) => csvField(c.value(row))).join(',')).join('\r\n');
      if (page.length && !res.write(chunk + '\r\n')) await new Promise((r) => res.once('drain', r));
    }
    res.end();
    return;
  }
  res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
  const sheet = wb.addWorksheet('数据');
  sheet.columns = columns.map((c) => ({ header: c.header, width: Math.max(10, c.header.length * 2 + 2) }));
  sheet.getRow(1).font = { bold: true };
  for await (const page of pages) for (const row of page) sheet.addRow(columns.map((c) => c.value(row))).commit();
  sheet.commit();
  await wb.commit();
}

/** One batch as an async iterable. */
export async function* once<T>(rows: T[]): AsyncIterable<T[]> {
  yield rows;
}

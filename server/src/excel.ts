/**
 * exceljs, loaded on first use: requiring it takes about a quarter of a second, which every start
 * of the server would pay although only imports and XLSX exports use it (start time, issue 11).
 */
import type ExcelJS from 'exceljs';

export type { ExcelJS };

export async function loadExcel(): Promise<typeof ExcelJS> {
  // A CommonJS package: Node's ESM loader hands its module.exports over as the default export.
  return (await import('exceljs')).default;
}

import { parse } from 'csv-parse/sync';
import { problem, type Problem, type Sheet, type SheetRow } from '@streetchief/shared/onboarding/index';
import { loadExcel, type ExcelJS } from '../excel.ts';
import { decodeText } from './decode.ts';

/** ZIP local-file header: an XLSX workbook is a ZIP archive. */
const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
/** OLE2 compound file: the old binary .xls format, which exceljs cannot read. */
const isOle = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

export type TableRead = { ok: true; sheet: Sheet; format: string } | { ok: false; problems: Problem[] };

/**
 * The header row is the first row with at least two filled cells: a title row above it (a merged
 * “2027年节假日安排”) is skipped. Cells are matched to headers by position.
 */
function toSheet(records: { row: number; cells: string[] }[]): Sheet | null {
  const at = records.findIndex((r) => r.cells.filter((c) => c.trim() !== '').length >= 2);
  if (at < 0) return null;
  const headers = records[at]!.cells.map((h) => h.trim());
  const rows: SheetRow[] = records.slice(at + 1).map((r) => ({
    row: r.row,
    values: Object.fromEntries(headers.map((h, i) => [h, r.cells[i] ?? ''] as const).filter(([h]) => h !== '')),
  }));
  return { headers: headers.filter((h) => h !== ''), rows };
}

/** The delimiter of a CSV from its first line: comma, or tab (Excel's "Unicode text"), or semicolon. */
function delimiterOf(text: string): string {
  const first = text.slice(0, text.search(/\r?\n|$/));
  const count = (ch: string) => first.split(ch).length - 1;
  return [',', '\t', ';'].sort((a, b) => count(b) - count(a))[0]!;
}

function readCsv(bytes: Uint8Array): TableRead {
  const { text, encoding } = decodeText(bytes);
  let cells: string[][];
  try {
    cells = parse(text, {
      delimiter: delimiterOf(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (err) {
    return { ok: false, problems: [problem('csv_invalid', 'file', '无法读取 CSV 文件', `cannot read the CSV: ${(err as Error).message}`)] };
  }
  // One record is one spreadsheet row, so record numbers are the row numbers Excel shows.
  const sheet = toSheet(cells.map((c, i) => ({ row: i + 1, cells: c })));
  if (!sheet) return { ok: false, problems: [problem('header_missing', 'file', '找不到表头行', 'no header row found')] };
  return { ok: true, sheet, format: `csv (${encoding})` };
}

/** A cell as text: dates as YYYY-MM-DD, formulas by their result, rich text joined. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return cellText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('text' in v) return typeof v.text === 'string' ? v.text : cellText(v.text as ExcelJS.CellValue);
  return '';
}

async function readXlsx(bytes: Uint8Array, sheetName: string | undefined): Promise<TableRead> {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    return {
      ok: false,
      problems: [problem('xlsx_invalid', 'file', '无法读取 Excel 文件', `cannot read the XLSX workbook: ${(err as Error).message}`)],
    };
  }
  const ws = sheetName ? wb.getWorksheet(sheetName) : wb.worksheets[0];
  if (!ws) {
    const names = wb.worksheets.map((w) => w.name).join(', ');
    return {
      ok: false,
      problems: [
        problem(
          'sheet_missing',
          'file',
          `找不到工作表“${sheetName ?? ''}”`,
          `no worksheet "${sheetName ?? ''}"; the workbook has: ${names}`,
        ),
      ],
    };
  }
  const records: { row: number; cells: string[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const cells: string[] = [];
    // Cell 1 is column A; `values` is sparse and 1-based.
    row.eachCell({ includeEmpty: true }, (cell, col) => (cells[col - 1] = cellText(cell.value)));
    records.push({ row: n, cells: Array.from(cells, (c) => c ?? '') });
  });
  const sheet = toSheet(records);
  if (!sheet)
    return {
      ok: false,
      problems: [problem('header_missing', 'file', `工作表“${ws.name}”中找不到表头行`, `no header row in worksheet "${ws.name}"`)],
    };
  return { ok: true, sheet, format: `xlsx (${ws.name})` };
}

/**
 * Read a table file into header → value rows with their spreadsheet row numbers: an XLSX workbook
 * (its first worksheet, or `sheet`) or a CSV in UTF-8, UTF-16 or GBK/GB18030. The format is told
 * by the content, not the file name or content type.
 */
export async function readTable(bytes: Uint8Array, o: { sheet?: string } = {}): Promise<TableRead> {
  if (bytes.length === 0) return { ok: false, problems: [problem('file_empty', 'file', '文件为空', 'the file is empty')] };
  if (isOle(bytes))
    return {
      ok: false,
      problems: [
        problem(
          'xls_unsupported',
          'file',
          '不支持旧版 .xls，请另存为 .xlsx 或 CSV',
          'old .xls workbooks are not read: save as .xlsx or CSV',
        ),
      ],
    };
  return isZip(bytes) ? readXlsx(bytes, o.sheet) : readCsv(bytes);
}

import type { Response } from 'express';
import { CSV_BOM, csvField } from '@streetchief/shared/export/csv';
import { loadExcel, type ExcelJS } from '../excel.ts';
import type { Column } from './columns.ts';
import { nextTurn, pace, sliceSpent } from './pace.ts';

export type Format = 'csv' | 'xlsx';

// exceljs gives every new cell its own empty style object and works out each one's style id
// afresh (most of the cost of a row); cells sharing one object are worked out once.
const PLAIN: Partial<ExcelJS.Style> = {};

/** The client's side of a streamed response: has it gone, and waiting for its buffer to drain. */
function watchClient(res: Response) {
  let gone = false;
  const closed = new Promise<void>((resolve) =>
    res.once('close', () => {
      // 'close' also follows a completed response; only an unfinished one means the client left.
      if (!res.writableFinished) gone = true;
      resolve();
    }),
  );
  return {
    gone: () => gone,
    /** Settles when the client is gone (a download that stops mid-way must not leave its job waiting). */
    closed,
    /** Resolves once the response buffer has drained, or the client has gone. */
    drained: () => Promise.race([new Promise<void>((resolve) => res.once('drain', resolve)), closed]),
  };
}

/**
 * Stream rows to the response page by page, so a year of cases never sits in memory: `pages`
 * yields batches (keyset-paged reads), each written before the next is read. The work shares the
 * event loop in short slices (pace.ts), waits while the client's buffer is full, and stops, with
 * no further reads, as soon as the client goes away.
 */
export async function streamTable<T>(
  res: Response,
  format: Format,
  filename: string,
  columns: Column<T>[],
  pages: AsyncIterable<T[]>,
): Promise<void> {
  const client = watchClient(res);
  const encoded = encodeURIComponent(`${filename}.${format}`);
  res.setHeader('Content-Disposition', `attachment; filename="export.${format}"; filename*=UTF-8''${encoded}`);
  if (format === 'csv') {
    res.type('text/csv; charset=utf-8');
    // BOM: so spreadsheet programs read the Chinese headers as UTF-8.
    res.write(CSV_BOM + columns.map((c) => csvField(c.header)).join(',') + '\r\n');
    let lines: string[] = [];
    const flush = async () => {
      if (!lines.length) return;
      // As bytes: a string waiting in the response buffer would be copied by every young-generation
      // garbage collection it survives (long pauses with ten exports queued); a Buffer lives off-heap.
      const ok = res.write(Buffer.from(lines.join('\r\n') + '\r\n'));
      lines = [];
      if (!ok) await client.drained();
    };
    for await (const page of paced(pages)) {
      for (const row of page) {
        lines.push(columns.map((c) => csvField(c.value(row))).join(','));
        if (sliceSpent()) {
          await flush();
          await nextTurn();
        }
        // Leaving the loop ends the page reader too: no more reads for a client that has gone.
        if (client.gone()) return;
      }
      await flush();
      if (client.gone()) return;
    }
    res.end();
    return;
  }
  res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const Excel = await loadExcel();
  const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
  const sheet = wb.addWorksheet('数据');
  sheet.columns = columns.map((c) => ({ header: c.header, width: Math.max(10, c.header.length * 2 + 2) }));
  sheet.getRow(1).font = { bold: true };
  for await (const page of paced(pages)) {
    for (const row of page) {
      const added = sheet.addRow(columns.map((c) => c.value(row)));
      added.eachCell((cell) => {
        cell.style = PLAIN;
      });
      added.commit();
      if (sliceSpent()) {
        // The zip is piped into the response: while the client lags, its buffer stays full.
        if (res.writableNeedDrain) await client.drained();
        await nextTurn();
      }
      if (client.gone()) return;
    }
  }
  sheet.commit();
  // The workbook settles when the response finishes, which never happens for a client that left.
  await Promise.race([wb.commit(), client.closed]);
}

/**
 * `pages` read in turn with other jobs: the first read waits for a turn (ten requests arriving
 * together must not all read their first page in the turn they arrived), and each later read
 * starts a new slice if the current one is spent.
 */
async function* paced<T>(pages: AsyncIterable<T[]>): AsyncIterable<T[]> {
  await nextTurn();
  for await (const page of pages) {
    yield page;
    await pace();
  }
}

/** One batch as an async iterable. */
export async function* once<T>(rows: T[]): AsyncIterable<T[]> {
  yield rows;
}

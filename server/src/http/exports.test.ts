import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

let s: TestServer;
let supervisor: string;
beforeAll(async () => {
  s = await startTestServer();
  supervisor = await s.login('supervisor');
});
afterAll(() => s?.stop());

const get = (url: string, cookie?: string) => fetch(s.url + url, { headers: cookie ? { cookie } : {} });

/** Parse RFC 4180 CSV (quoted fields with commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += ch;
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

async function allCases(cookie: string): Promise<number> {
  let n = 0;
  let cursor: string | null = null;
  do {
    const r: { body: { items: unknown[]; nextCursor: string | null } } = await s.api(
      'GET',
      `/api/incidents?limit=500${cursor ? `&cursor=${cursor}` : ''}`,
      { cookie },
    );
    n += r.body.items.length;
    cursor = r.body.nextCursor;
  } while (cursor);
  return n;
}

describe('exports', () => {
  it('cases as CSV: Chinese headers, every case once, formulas neutralised', async () => {
    const patrol = await s.login('patrol_liexi');
    const [lng, lat] = interiorPoint(s.ctx.ref.grids.find((g) => g.code === '35040400200801')!.polygon)!;
    const id = randomUUID();
    const made = await s.api('POST', '/api/incidents', {
      cookie: patrol,
      body: { id, category: 'E0101', description: '=HYPERLINK("x"),"引号"\n换行', lng, lat, source: 'patrol' },
    });
    const caseNo = made.body.incident.caseNo as string;
    expect(caseNo).toMatch(/^\d{4}-\d{6}$/);
    const res = await get('/api/exports/cases.csv', supervisor);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: spreadsheets read it as UTF-8
    const rows = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(rows[0]!.slice(0, 5)).toEqual(['案卷号', '上报时间', '类型', '大类', '小类']);
    const ids = rows.slice(1).map((r) => r[0]);
    // Every case has its number, and the internal ids stay out of the file.
    expect(ids.every((n) => /^\d{4}-\d{6}$/.test(n!))).toBe(true);
    expect(bytes.includes(id)).toBe(false);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(await allCases(supervisor));
    const mine = rows.find((r) => r[0] === caseNo)!;
    expect(mine.at(-1)).toBe(`'=HYPERLINK("x"),"引号"\n换行`);
    expect(mine[9]).toBe('待立案');
  });

  it('cases as XLSX, filtered by street and date', async () => {
    const res = await get('/api/exports/cases.xlsx?street=350404003', supervisor);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('案卷号');
    expect(String(sheet.getRow(2).getCell(1).value)).toMatch(/^\d{4}-\d{6}$/);
    const streets = new Set<unknown>();
    sheet.eachRow((row, n) => n > 1 && streets.add(row.getCell(6).value));
    expect([...streets]).toEqual(['徐碧街道']);
    const list = await s.api('GET', '/api/incidents?street=350404003&limit=500', { cookie: supervisor });
    expect(sheet.rowCount - 1).toBe(list.body.items.length);
  });

  it('indicators as CSV and XLSX: one row per group plus the total', async () => {
    const d = new Date();
    const to = d.toISOString().slice(0, 10);
    const from = new Date(d.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
    const csv = parseCsv(
      Buffer.from(await (await get(`/api/exports/stats.csv?from=${from}&to=${to}&by=street`, supervisor)).arrayBuffer())
        .subarray(3)
        .toString('utf8'),
    );
    expect(csv[0]!.slice(0, 4)).toEqual(['街道', '上报数', '立案数', '应结案数']);
    expect(csv.slice(1).map((r) => r[0])).toEqual(expect.arrayContaining(['列东街道', '列西街道', '徐碧街道', '合计']));
    expect(csv).toHaveLength(5);
    const xlsx = await get(`/api/exports/stats.xlsx?from=${from}&to=${to}&by=department`, supervisor);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    expect(wb.worksheets[0]!.getRow(1).getCell(7).value).toBe('结案率(%)');
  });

  it('refuses the signed-out (401), roles that may not export (403) and bad queries (400)', async () => {
    expect((await get('/api/exports/cases.csv')).status).toBe(401);
    expect((await get('/api/exports/cases.csv', await s.login('dept_hwc'))).status).toBe(403);
    expect((await get('/api/exports/cases.pdf', supervisor)).status).toBe(400);
    expect((await get('/api/exports/stats.csv?from=2026-01-01', supervisor)).status).toBe(400);
  });
});

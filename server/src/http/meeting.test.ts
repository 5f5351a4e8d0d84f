import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOverdue } from '@streetchief/shared';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.stop());

describe('joint meeting agenda and trend', () => {
  it('lists every overdue seeded case, most overdue first, with the worst departments and grids', async () => {
    const cookie = await s.login('supervisor');
    const r = await s.api('GET', '/api/meeting/agenda', { cookie });
    expect(r.status).toBe(200);
    const overdue = (await s.api('GET', '/api/incidents?overdue=true&limit=500', { cookie })).body.items.map((c: any) => c.id).sort();
    const listed = r.body.cases.filter((x: any) => x.reasons.includes('overdue')).map((x: any) => x.incident.id);
    expect([...listed].sort()).toEqual(overdue);
    const hours = r.body.cases.map((x: any) => x.hoursOverdue);
    expect(hours).toEqual([...hours].sort((a: number, b: number) => b - a));
    for (const x of r.body.cases) expect(x.reasons.length).toBeGreaterThan(0);
    for (const x of r.body.cases.filter((y: any) => y.reasons.includes('overdue'))) expect(isOverdue(x.incident, new Date())).toBe(true);
    expect(r.body.departments.length).toBeGreaterThan(0);
    const scores = r.body.departments.map((d: any) => d.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => a - b));
    expect(r.body.grids.length).toBeGreaterThan(0);
  });

  it('is for the meeting: a department handler gets 403, the signed-out 401', async () => {
    expect((await s.api('GET', '/api/meeting/agenda', { cookie: await s.login('dept_hwc') })).status).toBe(403);
    expect((await s.api('GET', '/api/meeting/agenda')).status).toBe(401);
  });

  it('the public trend has one entry per day and adds up to the reports of those days', async () => {
    const r = await s.api('GET', '/api/public/trend?days=30');
    expect(r.status).toBe(200);
    expect(r.body.days).toHaveLength(30);
    const total = r.body.days.reduce((n: number, d: any) => n + d.reported, 0);
    expect(total).toBeGreaterThan(500);
    for (const d of r.body.days) expect(d.closedOnTime).toBeLessThanOrEqual(d.closed);
    expect((await s.api('GET', '/api/public/trend?days=0')).body.field).toBe('days');
  });
});

describe('minutes', () => {
  it('a decision re-dispatches the case and appears in the minutes XLSX', async () => {
    const cookie = await s.login('supervisor');
    const head = (await s.api('GET', '/healthz')).body.head as number;
    const agenda = (await s.api('GET', '/api/meeting/agenda', { cookie })).body;
    const item = agenda.cases.find((x: any) => x.reasons.includes('overdue'));
    expect(item).toBeTruthy();
    const target = item.incident.leadDept === 'cgj' ? 'hwc' : 'cgj';
    const deadline = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const r = await s.api('POST', `/api/incidents/${item.incident.id}/actions`, {
      cookie,
      body: {
        type: 'decide',
        expectedVersion: item.incident.version,
        reason: '联席例会议定：改派并限期办结',
        leadDept: target,
        deadline,
        responsibleChief: '列西街道街长',
      },
    });
    expect(r.status).toBe(200);
    expect(r.body.incident).toMatchObject({ status: 'dispatched', leadDept: target, deadline, responsibleChief: '列西街道街长' });
    const res = await fetch(`${s.url}/api/exports/decisions.xlsx?after=${head}`, {
      headers: { cookie },
    });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(8).value).toBe('议定事项');
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(1).getCell(3).value).toBe('案卷号');
    expect(sheet.getRow(2).getCell(3).value).toBe(item.incident.caseNo);
    expect(item.incident.caseNo).toMatch(/^\d{4}-\d{6}$/);
    expect(sheet.getRow(2).getCell(8).value).toBe('联席例会议定：改派并限期办结');
    expect(sheet.getRow(2).getCell(9).value).toBe('是');
    expect(sheet.getRow(2).getCell(12).value).toBe('列西街道街长');
    // A deadline in the past is refused.
    const again = (await s.api('GET', `/api/incidents/${item.incident.id}`, { cookie })).body.incident;
    const past = await s.api('POST', `/api/incidents/${item.incident.id}/actions`, {
      cookie,
      body: { type: 'decide', expectedVersion: again.version, reason: '改期', deadline: new Date(Date.now() - 3_600_000).toISOString() },
    });
    expect(past.status).toBe(400);
    expect(past.body.field).toBe('deadline');
    const after = (await s.api('GET', '/api/meeting/agenda', { cookie })).body;
    // It went late before the meeting: a new deadline does not undo that (docs/domain.md, lateness), so
    // it stays on the agenda as overdue, with the deadline it missed.
    const kept = after.cases.find((x: any) => x.incident.id === item.incident.id);
    expect(kept?.reasons).toContain('overdue');
    expect(kept?.incident.lateAt).toBe(item.incident.deadline);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { fixtureGrid, ringOf, squareGridCollection, type FixtureCollection } from '@streetchief/shared/testing/gridCollection';
import { CLIENT_DIST, startTestServer, type TestServer } from '../server/src/testing/testServer.ts';
import { artifactPath, launchBrowser } from './browser.ts';

/**
 * A real district goes live, from an empty database, through the screens an administrator uses:
 * the first administrator comes from the command line and must choose a password; the district's
 * map (first with an overlap and a gap, refused with every problem listed), departments, case
 * classes and staff are imported on /admin; the administrator creates a dispatcher, a department
 * handler and a grid officer, who sign in, choose their passwords and take a case from report to
 * closed; a wall display enrolled on /admin stays live past a session's nominal lifetime and says
 * "signed out", not 实时, once it is revoked.
 */

const ROOT = path.resolve(import.meta.dirname ?? '.', '..');
const DAY_MS = 86_400_000;
const SIZE = 0.002;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ADMIN_PASSWORD = 'Meilie-Admin-2027!';

let s: TestServer;
let browser: Browser;
let admin: Page;
let sqliteDir: string;
/** The server's clock: real time plus what the test moved it by. */
let shift = 0;
const users: Record<'dispatcher' | 'handler' | 'grid', { username: string; temporary: string; password: string }> = {
  dispatcher: { username: 'zhang.dd', temporary: '', password: 'Diaodu-Zhang-77' },
  handler: { username: 'li.hw', temporary: '', password: 'Huanwei-Li-2027' },
  grid: { username: 'wang.wg', temporary: '', password: 'Wangge-Wang-1188' },
};

async function newPage(viewport = { width: 1920, height: 1080 }): Promise<Page> {
  const context: BrowserContext = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err));
  return page;
}

/** The fixture map, 5 × 5 = 25 grids; `damaged` pushes one grid into its neighbour and pulls another back from its row above. */
function districtMap(damaged: boolean): FixtureCollection {
  const fc = squareGridCollection(5, 5);
  if (damaged) {
    const cell = (r: number, c: number) => fc.features[r * 5 + c]!;
    // (0,1) pushes its east edge half-way into (0,2): an overlap.
    const a = ringOf(cell(0, 1));
    a[1]![0] += SIZE / 2;
    a[2]![0] += SIZE / 2;
    // (2,2), in the middle, pulls its north edge half-way down: a hole no grid covers.
    const b = ringOf(cell(2, 2));
    b[2]![1] -= SIZE / 2;
    b[3]![1] -= SIZE / 2;
  }
  return fc;
}

async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const csv = (rows: string[][]) => Buffer.from('\ufeff' + rows.map((r) => r.join(',')).join('\r\n') + '\r\n');

/** Picks `file` for one import kind, runs the check and returns the row's status text. */
async function check(kind: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<string> {
  const row = admin.locator(`[data-testid="import-${kind}"]`);
  await row.locator('input[type="file"]').setInputFiles(file);
  await row.getByRole('button', { name: '检查' }).click();
  const status = row.getByTestId('import-status');
  await expect.poll(() => status.innerText(), { timeout: 15_000 }).toMatch(/问题|通过/);
  return status.innerText();
}

async function importChecked(kind: string): Promise<void> {
  const row = admin.locator(`[data-testid="import-${kind}"]`);
  await row.getByRole('button', { name: '导入', exact: true }).click();
  await expect.poll(() => row.getByTestId('import-status').innerText(), { timeout: 15_000 }).toBe('已导入');
}

/** Every table cell cut short on screen carries its whole text in a title. */
async function clippedWithoutTitle(page: Page): Promise<string[]> {
  return page.$$eval('.admin td, .admin th', (cells) =>
    cells.filter((c) => c.scrollWidth > c.clientWidth + 1 && !c.getAttribute('title')).map((c) => c.textContent ?? ''),
  );
}

/** Signs in through the page's form; when the account must change its password, does that in the form that follows. */
async function signIn(page: Page, username: string, password: string, next?: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  if (next === undefined) return;
  const form = page.getByTestId('change-password');
  await form.waitFor({ timeout: 10_000 });
  await form.getByLabel('新密码', { exact: true }).fill(next);
  await form.getByLabel('再次输入新密码').fill(next);
  await form.getByRole('button', { name: '修改密码' }).click();
  await form.waitFor({ state: 'detached', timeout: 10_000 });
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(CLIENT_DIST, 'index.html')))
    throw new Error('client/dist is missing: run `npm run build` first (npm test does)');
  sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'streetchief-admin-e2e-'));
  s = await startTestServer({
    seed: 'none',
    serveClient: true,
    sqliteFile: path.join(sqliteDir, 'district.sqlite'),
    now: () => new Date(Date.now() + shift),
  });
  browser = await launchBrowser();
  admin = await newPage();
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
  if (sqliteDir) fs.rmSync(sqliteDir, { recursive: true, force: true });
});

describe('a real district goes live through /admin', () => {
  let temporary = '';

  it('creates the first administrator on the command line; the first sign-in must replace its password', async () => {
    const run = await promisify(execFile)(
      'npx',
      ['tsx', 'server/src/cli/main.ts', 'create-admin', '--username', 'root', '--display-name', '区管理员'],
      {
        cwd: ROOT,
        env: { ...process.env, SQLITE_FILE: path.join(sqliteDir, 'district.sqlite'), DATABASE_URL: '' },
      },
    );
    // The temporary password is the one line the command prints for the operator to pass on.
    const found = /(?:password|密码)[^:：\n]*[:：]\s*(\S+)/i.exec(run.stdout);
    expect(found, run.stdout).not.toBeNull();
    temporary = found![1]!;

    await admin.goto(`${s.url}/admin`);
    await admin.getByLabel('用户名').fill('root');
    await admin.getByLabel('密码', { exact: true }).fill(temporary);
    await admin.getByRole('button', { name: '登录' }).click();
    const form = admin.getByTestId('change-password');
    await form.waitFor({ timeout: 10_000 });
    // Nothing of the page before the password is changed; the policy's reason shows while typing.
    expect(await admin.getByTestId('admin').count()).toBe(0);
    await form.getByLabel('新密码', { exact: true }).fill('root123456');
    await expect.poll(() => form.getByTestId('pw-problem').innerText()).toMatch(/用户名/);
    await form.getByLabel('新密码', { exact: true }).fill('password2027');
    await expect.poll(() => form.getByTestId('pw-problem').innerText()).toMatch(/常见密码/);
    expect(await form.getByRole('button', { name: '修改密码' }).isDisabled()).toBe(true);
    await admin.screenshot({ path: artifactPath('admin-change-password.png') });
    await form.getByLabel('新密码', { exact: true }).fill(ADMIN_PASSWORD);
    await form.getByLabel('再次输入新密码').fill(ADMIN_PASSWORD);
    await form.getByRole('button', { name: '修改密码' }).click();
    await admin.getByTestId('admin').waitFor({ timeout: 10_000 });
    // The temporary password no longer signs in; the new one does.
    expect((await s.api('POST', '/api/session', { body: { username: 'root', password: temporary } })).status).toBe(401);
    expect(await s.login('root', ADMIN_PASSWORD)).toMatch(/=/);
  });

  it('refuses a map with an overlap and a gap, listing both, and writes nothing; the corrected map is imported', async () => {
    await admin.getByRole('tab', { name: '导入' }).click();
    const bad = districtMap(true);
    expect(bad.features.length).toBeGreaterThanOrEqual(20);
    const refused = await check('grids', {
      name: '网格.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(bad)),
    });
    expect(refused).toMatch(/2 个问题，未写入任何数据/);
    const problems = admin.locator('[data-testid="import-grids"] [data-testid="problems"] tbody tr');
    expect(await problems.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')))).toEqual(['grid_overlap', 'grid_gap']);
    expect(await problems.nth(0).innerText()).toContain(`${fixtureGrid(0, 1)} × ${fixtureGrid(0, 2)}`);
    expect(await problems.nth(1).innerText()).toContain('gap 1');
    expect(await admin.locator('[data-testid="import-grids"]').getByRole('button', { name: '导入', exact: true }).isDisabled()).toBe(true);
    await admin.screenshot({ path: artifactPath('admin-import-problems.png'), fullPage: true });
    expect((await s.api('GET', '/api/grids')).body.features).toHaveLength(0);

    await admin.getByLabel('辖区名称').fill('测试区');
    expect(
      await check('grids', {
        name: '网格.geojson',
        mimeType: 'application/geo+json',
        buffer: Buffer.from(JSON.stringify(districtMap(false))),
      }),
    ).toBe('检查通过，可以导入');
    await importChecked('grids');
    expect((await s.api('GET', '/api/grids')).body.features).toHaveLength(25);
  });

  it('imports departments (CSV), case classes and staff (XLSX) with Chinese headers; the coverage report follows', async () => {
    const departments = csv([
      ['部门编码', '部门名称', '备注'],
      ['hwc', '环境卫生管理处', '市容'],
      ['szj', '市政工程管理处', ''],
    ]);
    expect(await check('departments', { name: '部门.csv', mimeType: 'text/csv', buffer: departments })).toBe('检查通过，可以导入');
    await importChecked('departments');

    const classes = await workbook([
      ['大类编码', '大类名称', '小类编码', '小类名称', '类型', '处置时限', '时限单位', '责任部门编码', '是否紧急'],
      ['E01', '市容环境', 'E0101', '暴露垃圾', '事件', 4, '工作时', 'hwc', '否'],
      ['C01', '公用设施', 'C0101', '井盖缺失', '部件', 2, '工作时', 'szj', '是'],
    ]);
    expect(await check('classes', { name: '案件分类.xlsx', mimeType: XLSX, buffer: classes })).toBe('检查通过，可以导入');
    await importChecked('classes');

    const staffRows: (string | number)[][] = [['网格编码', '岗位', '姓名', '电话']];
    for (let r = 0; r < 5; r++)
      for (let c = 0; c < 5; c++)
        staffRows.push([fixtureGrid(r, c), '网格长', `网格长${r + 1}${c + 1}`, `138000${r}${c}0000`.slice(0, 11)]);
    // A row naming a grid the map does not have is refused with its row number (header = row 1).
    const withUnknown = await workbook([...staffRows, ['35040400999901', '网格员', '某人', '13800009999']]);
    expect(await check('staff', { name: '一格五员.xlsx', mimeType: XLSX, buffer: withUnknown })).toMatch(/1 个问题/);
    expect(await admin.locator('[data-testid="import-staff"] [data-testid="problems"] tbody tr').first().innerText()).toMatch(/row 27/);
    expect(await check('staff', { name: '一格五员.xlsx', mimeType: XLSX, buffer: await workbook(staffRows) })).toBe('检查通过，可以导入');
    await importChecked('staff');

    const coverage = admin.getByTestId('coverage');
    await expect.poll(() => coverage.innerText(), { timeout: 10_000 }).toMatch(/网格 25 · 人员 25 · 部门 2 · 分类 2/);
    // No handler accounts yet: both departments are listed.
    expect(await coverage.locator('[data-list="coverage.departmentsWithoutHandler"]').innerText()).toMatch(/· 2[\s\S]*环境卫生管理处/);
    expect(await clippedWithoutTitle(admin)).toEqual([]);
    await admin.screenshot({ path: artifactPath('admin-import.png'), fullPage: true });
  });

  it('creates a dispatcher, a department handler and a grid officer, each with a temporary password shown once', async () => {
    await admin.getByRole('tab', { name: '用户' }).click();
    const form = admin.getByTestId('user-form');
    const create = async (key: keyof typeof users, name: string, role: string, scope: () => Promise<void>) => {
      await form.getByLabel('用户名').fill(users[key].username);
      await form.getByLabel('姓名').fill(name);
      await form.locator('select[name="role"]').selectOption(role);
      await scope();
      await form.getByRole('button', { name: '创建' }).click();
      const box = admin.getByTestId('temp-password-box');
      await box.waitFor({ timeout: 10_000 });
      expect(await box.innerText()).toContain(users[key].username);
      users[key].temporary = (await admin.getByTestId('temp-password').innerText()).trim();
      expect(users[key].temporary.length).toBeGreaterThanOrEqual(10);
      await box.getByRole('button', { name: '已记下' }).click();
      await box.waitFor({ state: 'detached' });
    };
    await create('dispatcher', '张调度', 'dispatcher', async () => {});
    await create('handler', '李环卫', 'dept_handler', async () => {
      await form.locator('select[name="departmentCode"]').selectOption('hwc');
    });
    await create('grid', '王网格', 'grid_staff', async () => {
      await form.getByLabel('筛选网格').fill(fixtureGrid(0, 0));
      await form.getByLabel(/测试1社区第01网格/).check();
    });

    const table = admin.getByTestId('users');
    const row = (u: string) => table.locator(`tr[data-username="${u}"]`);
    expect(await row(users.dispatcher.username).innerText()).toMatch(/调度员[\s\S]*全区[\s\S]*待改密码/);
    expect(await row(users.handler.username).innerText()).toMatch(/部门处置员[\s\S]*环境卫生管理处/);
    expect(await row(users.grid.username).innerText()).toMatch(/网格员[\s\S]*测试1社区第01网格/);
    expect(await clippedWithoutTitle(admin)).toEqual([]);
    await admin.screenshot({ path: artifactPath('admin-users.png'), fullPage: true });

    const coverage = (await s.api('GET', '/api/admin/coverage', { cookie: await s.login('root', ADMIN_PASSWORD) })).body;
    expect(coverage.departmentsWithoutHandler.map((d: { code: string }) => d.code)).toEqual(['szj']);
  });

  it('the new users sign in through the form, replace their passwords and take a case from report to closed', async () => {
    // The grid officer and the dispatcher through the real form, each forced to change the password first.
    const gridPage = await newPage({ width: 412, height: 915 });
    await gridPage.goto(`${s.url}/check`);
    await signIn(gridPage, users.grid.username, users.grid.temporary, users.grid.password);
    await gridPage.getByText('王网格').first().waitFor({ timeout: 10_000 });
    const desk = await newPage();
    await desk.goto(`${s.url}/dispatch`);
    await signIn(desk, users.dispatcher.username, users.dispatcher.temporary, users.dispatcher.password);
    await desk.getByText('张调度').first().waitFor({ timeout: 10_000 });
    // The handler through the API: sign in, then change the password (nothing else is allowed before).
    const first = await s.login(users.handler.username, users.handler.temporary);
    expect((await s.api('GET', '/api/incidents', { cookie: first })).status).toBe(403);
    const changed = await s.api('POST', '/api/session/password', {
      cookie: first,
      body: { current: users.handler.temporary, next: users.handler.password },
    });
    expect(changed).toMatchObject({ status: 200, body: { mustChangePassword: false } });

    const [grid, dispatcher, handler] = [
      await s.login(users.grid.username, users.grid.password),
      await s.login(users.dispatcher.username, users.dispatcher.password),
      await s.login(users.handler.username, users.handler.password),
    ];
    const cell = s.ctx.ref.grids.find((g) => g.code === fixtureGrid(0, 0))!;
    const [lng, lat] = interiorPoint(cell.polygon)!;
    const id = randomUUID();
    const reported = await s.api('POST', '/api/incidents', {
      cookie: grid,
      body: { id, category: 'E0101', description: '测试1社区路口暴露垃圾', lng, lat, source: 'grid_staff' },
    });
    expect(reported.status).toBe(201);
    expect(reported.body.incident.gridCode).toBe(fixtureGrid(0, 0));
    let version = reported.body.incident.version as number;
    const steps: [string, Record<string, unknown>][] = [
      [dispatcher, { type: 'register' }],
      [dispatcher, { type: 'dispatch', leadDept: 'hwc' }],
      [handler, { type: 'accept' }],
      [handler, { type: 'feedback', note: '已清运' }],
      [grid, { type: 'check_pass' }],
    ];
    for (const [cookie, body] of steps) {
      const res = await s.api('POST', `/api/incidents/${id}/actions`, { cookie, body: { ...body, expectedVersion: version } });
      expect(res.status, `${String(body.type)}: ${JSON.stringify(res.body)}`).toBe(200);
      version = res.body.incident.version;
    }
    expect((await s.api('GET', `/api/incidents/${id}`, { cookie: dispatcher })).body.incident.status).toBe('closed');
    await desk.screenshot({ path: artifactPath('admin-new-dispatcher.png') });
    await gridPage.context().close();
    await desk.context().close();
  });

  it('enrolls a wall display that stays live past the nominal session lifetime and shows signed out, not 实时, once revoked', async () => {
    await admin.getByRole('tab', { name: '大屏设备' }).click();
    await admin.getByLabel('大屏名称').fill('指挥中心主屏');
    await admin.getByRole('button', { name: '登记大屏' }).click();
    const link = admin.getByTestId('enrollment-url');
    await link.waitFor({ timeout: 10_000 });
    const url = (await link.getAttribute('href'))!;
    expect(url).toMatch(/\/wall\?enroll=/);
    await admin.screenshot({ path: artifactPath('admin-displays.png') });

    const wall = await newPage();
    await wall.goto(url);
    const pill = wall.getByTestId('connection');
    await expect.poll(() => pill.getAttribute('data-status'), { timeout: 20_000 }).toBe('live');
    // The one-use code left the address at once.
    expect(wall.url()).not.toContain('enroll');
    expect(await pill.innerText()).toContain('实时');
    // The code worked once: a second exchange is refused.
    const code = new URL(url).searchParams.get('enroll')!;
    expect((await s.api('POST', '/api/displays/enroll', { body: { code } })).status).toBeGreaterThanOrEqual(400);

    // Two hundred and fifty days, twice: five hundred days past enrollment, beyond the 400-day nominal
    // lifetime and the 1-day lifetime of a person's session here; a display in use stays signed in.
    for (const days of [250, 250]) {
      shift += days * DAY_MS;
      await wall.reload();
      await expect.poll(() => pill.getAttribute('data-status'), { timeout: 20_000 }).toBe('live');
    }
    await wall.screenshot({ path: artifactPath('admin-wall-live.png') });

    // The administrator's own session ran out meanwhile: sign in again, then revoke.
    await admin.reload();
    await signIn(admin, 'root', ADMIN_PASSWORD);
    await admin.getByTestId('displays').waitFor({ timeout: 10_000 });
    const row = admin.locator('[data-testid="displays"] tr', { hasText: '指挥中心主屏' });
    expect(await row.getAttribute('data-status')).toBe('active');
    await row.getByRole('button', { name: '注销' }).click();
    await row.getByRole('button', { name: '注销' }).click();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 10_000 }).toBe('revoked');
    const revokedAt = Date.now();

    await expect.poll(() => pill.getAttribute('data-status'), { timeout: 5000 }).toBe('signedOut');
    expect(Date.now() - revokedAt).toBeLessThan(5000);
    expect(await pill.innerText()).not.toContain('实时');
    expect(await pill.innerText()).toMatch(/未登录/);
    // The banner does not promise a reconnect that cannot succeed.
    expect(await wall.getByTestId('banner').innerText()).toMatch(/退出登录/);
    expect(await wall.getByTestId('banner').innerText()).not.toMatch(/重连/);
    // The picture stays: the map and figures are not covered by a sign-in form, a small corner offers one.
    expect(await wall.locator('.gate-overlay').count()).toBe(0);
    await wall.getByTestId('signed-out-corner').waitFor();
    expect(await wall.locator('.map-frame').isVisible()).toBe(true);
    await wall.screenshot({ path: artifactPath('admin-wall-revoked.png') });

    await admin.getByRole('tab', { name: '审计日志' }).click();
    const audit = admin.getByTestId('audit');
    await audit.waitFor({ timeout: 10_000 });
    const actions = await audit.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions).toEqual(
      expect.arrayContaining(['display.revoke', 'display.enroll', 'display.create', 'user.create', 'user.password_change']),
    );
    expect(await clippedWithoutTitle(admin)).toEqual([]);
    await admin.screenshot({ path: artifactPath('admin-audit.png'), fullPage: true });
    await wall.context().close();
  });
});

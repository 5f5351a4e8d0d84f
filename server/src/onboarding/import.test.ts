import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '@streetchief/shared';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { fixtureGrid, ringOf, squareGridCollection, type FixtureCollection } from '@streetchief/shared/testing/gridCollection';
import { hashPassword } from '../auth/password.ts';
import { insertUser } from '../store/userRepo.ts';
import { postgresAvailable } from '../testing/services.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

const pgUp = await postgresAvailable();
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const PASSWORD = 'onboarding-test-1';
const SIZE = 0.002;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The map every test starts from: 5 × 5 = 25 grids in 5 communities. */
const map = (): FixtureCollection => squareGridCollection(5, 5, { size: SIZE });
const cell = (fc: FixtureCollection, r: number, c: number) => fc.features[r * 5 + c]!;
const json = (v: unknown) => Buffer.from(JSON.stringify(v));

/**
 * GBK bytes of `text`, as Excel on a Chinese Windows saves a plain CSV. Node can decode GB18030
 * but not encode it, so the table is built by decoding every two-byte GBK code once.
 */
function gbk(text: string): Buffer {
  const table = new Map<string, [number, number]>();
  const dec = new TextDecoder('gb18030');
  for (let a = 0x81; a <= 0xfe; a++)
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([a, b]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [a, b]);
    }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else if (table.has(ch)) out.push(...table.get(ch)!);
    else throw new Error(`no GBK code for ${ch}`);
  }
  return Buffer.from(out);
}

/** An XLSX workbook with a title row above the header, as district templates often have. */
async function workbook(sheet: string, title: string, rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明').addRow(['填表说明：请勿修改表头']);
  const ws = wb.addWorksheet(sheet);
  ws.addRow([title]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const csv = (rows: string[][]) => rows.map((r) => r.join(',')).join('\r\n') + '\r\n';

function onboardingSuite(dialect: 'sqlite' | 'postgres') {
  let s: TestServer;
  let dir: string;
  let sqliteFile: string;
  const cookies: Record<string, string> = {};

  async function addUser(u: Omit<User, 'id' | 'displayName'>): Promise<void> {
    await insertUser(s.store.db, { id: `u-${u.username}`, displayName: u.username, ...u }, await hashPassword(PASSWORD));
    cookies[u.username] = await s.login(u.username, PASSWORD);
  }

  async function upload(kind: string, body: Buffer, type: string, query = '', cookie = cookies.admin) {
    const res = await fetch(`${s.url}/api/admin/import/${kind}${query}`, {
      method: 'POST',
      headers: { 'content-type': type, ...(cookie ? { cookie } : {}) },
      body: new Uint8Array(body),
    });
    return { status: res.status, body: await res.json() };
  }

  const gridCount = async () => (await s.api('GET', '/api/grids')).body.features.length as number;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'streetchief-onboarding-'));
    sqliteFile = path.join(dir, 'district.sqlite');
    s = await startTestServer({ dialect, seed: 'none', ...(dialect === 'sqlite' ? { sqliteFile } : {}) });
    await addUser({ username: 'admin', role: 'admin', departmentCode: null, streetCode: null, gridCodes: [] });
    await addUser({ username: 'dispatcher', role: 'dispatcher', departmentCode: null, streetCode: null, gridCodes: [] });
  });
  afterAll(async () => {
    await s?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts empty, and only an administrator may import', async () => {
    expect(await gridCount()).toBe(0);
    expect((await upload('grids', json(map()), 'application/geo+json', '', '')).status).toBe(401);
    expect((await upload('grids', json(map()), 'application/geo+json', '', cookies.dispatcher)).status).toBe(403);
    expect((await s.api('GET', '/api/admin/coverage', { cookie: cookies.dispatcher })).status).toBe(403);
    expect((await upload('roads', json(map()), 'application/geo+json')).status).toBe(404);
    expect((await upload('grids', json(map()), 'text/html')).body).toMatchObject({ error: 'invalid', field: 'content-type' });
  });

  it('refuses a map with an overlap and a gap, reporting both, and writes nothing', async () => {
    const fc = map();
    // Grid (1,1) reaches half-way into (1,2); grid (3,2) pulls its north edge down, leaving a hole.
    for (const i of [1, 2]) ringOf(cell(fc, 1, 1))[i]![0] += SIZE / 2;
    for (const i of [2, 3]) ringOf(cell(fc, 3, 2))[i]![1] -= SIZE / 2;
    const r = await upload('grids', json(fc), 'application/geo+json');
    expect(r.status).toBe(422);
    expect(r.body.ok).toBe(false);
    expect(r.body.problems.map((p: { code: string; feature: string }) => `${p.code} ${p.feature}`).sort()).toEqual([
      'grid_gap gap 1',
      `grid_overlap ${fixtureGrid(1, 1)} × ${fixtureGrid(1, 2)}`,
    ]);
    for (const p of r.body.problems) expect(p.areaM2).toBeGreaterThan(20_000);
    expect(await gridCount()).toBe(0);
    expect(
      Number(
        (
          await s.store.db
            .selectFrom('grids')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(0);
  });

  it('accepts the corrected map: a dry run writes nothing, the import serves and locates the grids', async () => {
    const dry = await upload('grids', json(map()), 'application/geo+json', '?dryRun=true&name=测试区');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      ok: true,
      dryRun: true,
      summary: { grids: { total: 25, added: 25 }, communities: { added: 5 }, streets: { added: 1 } },
    });
    expect(await gridCount()).toBe(0);

    const r = await upload('grids', json(map()), 'application/json', '?name=测试区');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      ok: true,
      dryRun: false,
      summary: { grids: { total: 25, added: 25, retired: [] }, districtName: '测试区' },
    });
    const grids = (await s.api('GET', '/api/grids')).body;
    expect(grids.features).toHaveLength(25);
    expect(grids.disclaimer).toBe('');
    // The wall and /public title themselves with the imported district's name, not the sample's.
    expect(grids.name).toBe('测试区');
    expect(grids.features.find((f: { id: string }) => f.id === fixtureGrid(2, 3)).properties).toMatchObject({
      communityName: '测试3社区',
      streetName: '测试街道',
    });
    const [lng, lat] = interiorPoint(cell(map(), 2, 3).geometry.coordinates as [number, number][][])!;
    const where = await s.api('GET', `/api/grids/locate?lng=${lng}&lat=${lat}`);
    expect(where).toMatchObject({ status: 200, body: { gridCode: fixtureGrid(2, 3), name: '测试3社区第04网格' } });
  });

  it('imports departments from a GBK CSV, classes from XLSX and holidays from a UTF-8 CSV with BOM', async () => {
    const depts = gbk(
      csv([
        ['部门编码', '部门名称', '备注'],
        ['cgj', '城市管理局', '综合执法'],
        ['HWC', '环境卫生管理处', ''],
        ['szj', '市政工程管理处', ''],
      ]),
    );
    expect(new TextDecoder('utf-8', { fatal: false }).decode(depts)).not.toContain('城市管理局');
    const d = await upload('departments', depts, 'application/vnd.ms-excel');
    expect(d).toMatchObject({ status: 200, body: { ok: true, summary: { total: 3, added: 3 } } });

    const header = ['大类编码', '大类名称', '小类编码', '小类名称', '类型', '处置时限', '时限单位', '责任部门编码', '是否紧急'];
    const bad = await workbook('分类', '案件分类表', [
      header,
      ['E01', '市容环境', 'E0101', '暴露垃圾', '事件', 4, '工作时', 'hwc', '否'],
      ['E01', '市容环境', 'E0102', '道路不洁', '事件', 2, '工作时', 'ylj', '否'],
      ['C01', '公用设施', 'C0101', '井盖缺失', '部件', 2, '周', 'szj', '是'],
    ]);
    const refused = await upload('classes', bad, XLSX, '?sheet=分类');
    expect(refused.status).toBe(422);
    // Row numbers are the workbook's: the title is row 1, the header row 2.
    expect(refused.body.problems.map((p: { feature: string; code: string }) => `${p.feature} ${p.code}`)).toEqual([
      'row 4 department_unknown',
      'row 5 limit_invalid',
    ]);
    expect((await s.api('GET', '/api/categories')).body.classes).toEqual([]);

    const good = await workbook('分类', '案件分类表', [
      header,
      ['E01', '市容环境', 'E0101', '暴露垃圾', '事件', 4, '工作时', 'hwc', '否'],
      ['E04', '街面秩序', 'E0401', '占道经营', '事件', '2工作时', '', '城市管理局', '否'],
      ['C01', '公用设施', 'C0101', '井盖缺失', '部件', 2, '工作时', 'szj', '是'],
    ]);
    expect(await upload('classes', good, XLSX, '?sheet=分类')).toMatchObject({ status: 200, body: { ok: true, summary: { added: 3 } } });
    const cats = (await s.api('GET', '/api/categories')).body;
    expect(cats.classes.find((c: { code: string }) => c.code === 'E0401')).toMatchObject({
      departmentCode: 'cgj',
      timeLimit: { value: 2, unit: 'hours' },
    });
    expect(cats.departments.map((x: { code: string }) => x.code)).toEqual(['cgj', 'hwc', 'szj']);

    const holidays = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(
        csv([
          ['日期', '名称', '类型'],
          ['2027/10/1', '国庆节', '放假'],
          ['2027-10-04', '国庆节', '放假'],
          ['2027-10-09', '国庆节', '调休上班'],
        ]),
      ),
    ]);
    const c = await upload('calendar', holidays, 'text/csv');
    expect(c).toMatchObject({
      status: 200,
      body: { ok: true, summary: { years: [{ year: 2027, holidays: 2, makeUpWorkdays: 1 }], knownYears: [2026, 2027] } },
    });
    expect(s.ctx.ref.calendar.holidays.map((h) => h.date)).toContain('2027-10-04');
    expect(s.ctx.ref.calendar.makeUpWorkdays.map((h) => h.date)).toContain('2027-10-09');
  });

  it('imports staff only for grids that exist', async () => {
    const header = ['网格编码', '岗位', '姓名', '电话'];
    const rows = [
      [fixtureGrid(0, 0), '网格长', '林一', '13800000001'],
      [fixtureGrid(0, 0), '网格员', '陈二', '13800000002'],
      [fixtureGrid(0, 1), '网格管理员', '黄三', '0598-8234567'],
    ];
    const missing = await upload(
      'staff',
      Buffer.from(csv([header, ...rows, ['35040400999901', '网格员', '某人', '13800000009']])),
      'text/csv',
    );
    expect(missing.status).toBe(422);
    expect(missing.body.problems).toMatchObject([{ feature: 'row 5', code: 'grid_unknown', field: '网格编码' }]);
    const ok = await upload(
      'staff',
      await workbook('人员', '一格五员名册', [header, ...rows.map(([g, p, n, t]) => [g!, p!, n!, Number(t) || t!])]),
      XLSX,
      '?sheet=人员',
    );
    expect(ok).toMatchObject({ status: 200, body: { ok: true, summary: { added: 3, removed: 0, gridsStaffed: 2, gridsOnMap: 25 } } });
    const grid00 = (await s.api('GET', '/api/grids', { cookie: cookies.admin })).body.features.find(
      (f: { id: string }) => f.id === fixtureGrid(0, 0),
    );
    expect(grid00.properties.staff).toEqual([
      { post: 'information', name: '陈二', phone: '13800000002' },
      { post: 'manager', name: '林一', phone: '13800000001' },
    ]);
  });

  it('a re-imported map retires a dropped grid; a case reported in it keeps its grid code and name', async () => {
    await addUser({ username: 'patrol', role: 'patrol', departmentCode: null, streetCode: null, gridCodes: [fixtureGrid(4, 4)] });
    const gone = fixtureGrid(4, 4);
    const [lng, lat] = interiorPoint(cell(map(), 4, 4).geometry.coordinates as [number, number][][])!;
    const id = randomUUID();
    const report = await s.api('POST', '/api/incidents', {
      cookie: cookies.patrol,
      body: { id, category: 'E0101', description: '暴露垃圾', lng, lat, source: 'patrol' },
    });
    expect(report.status).toBe(201);

    const next = map();
    next.features = next.features.filter((f) => f.properties['网格编码'] !== gone);
    next.features[0]!.properties['网格名称'] = '测试1社区第01网格（调整）';
    const r = await upload('grids', json(next), 'application/geo+json');
    expect(r).toMatchObject({
      status: 200,
      body: {
        ok: true,
        summary: { grids: { total: 24, added: 0, updated: 1, unchanged: 23, retired: [gone] }, openCasesInRetiredGrids: 1 },
      },
    });
    expect(await gridCount()).toBe(24);
    expect((await s.api('GET', `/api/grids/locate?lng=${lng}&lat=${lat}`)).status).toBe(404);
    const kase = await s.api('GET', `/api/incidents/${id}`, { cookie: cookies.admin });
    expect(kase.body.incident).toMatchObject({ gridCode: gone, communityCode: gone.slice(0, 12) });
    const exported = await fetch(`${s.url}/api/exports/cases.csv`, { headers: { cookie: cookies.admin! } });
    const line = (await exported.text()).split('\r\n').find((l) => l.includes('暴露垃圾'));
    expect(line).toContain('测试5社区第05网格');

    // The same map again changes nothing; bringing the grid back restores it.
    expect((await upload('grids', json(next), 'application/geo+json')).body.summary.grids).toMatchObject({
      updated: 0,
      unchanged: 24,
      retired: [],
    });
    const back = await upload('grids', json(map()), 'application/geo+json');
    expect(back.body.summary.grids).toMatchObject({ updated: 2, restored: [gone], retired: [] });
    expect(await gridCount()).toBe(25);
  });

  it('takes English and short names from optional columns and serves them; a file without them falls back to Chinese', async () => {
    const depts = csv([
      ['部门编码', '部门名称', '英文名称', '简称', 'short_name_en'],
      ['cgj', '城市管理局', 'City Management Bureau', '城管局', 'City Management'],
      ['hwc', '环境卫生管理处', 'Sanitation Office', '', ''],
      ['szj', '市政工程管理处', '', '', ''],
    ]);
    expect(await upload('departments', Buffer.from(depts), 'text/csv')).toMatchObject({
      status: 200,
      body: { summary: { updated: 2, unchanged: 1 } },
    });
    const classes = csv([
      ['小类编码', '小类名称', 'name_en', '大类名称', 'major_en', '类型', '处置时限', '责任部门编码'],
      ['C0101', '井盖缺失', 'Manhole cover missing', '公用设施', 'Public utilities', '部件', '2工作时', 'szj'],
    ]);
    expect(await upload('classes', Buffer.from(classes), 'text/csv')).toMatchObject({ status: 200, body: { summary: { updated: 1 } } });
    const cats = (await s.api('GET', '/api/categories')).body;
    expect(cats.departments).toEqual([
      { code: 'cgj', name: '城市管理局', nameEn: 'City Management Bureau', shortName: '城管局', shortNameEn: 'City Management' },
      { code: 'hwc', name: '环境卫生管理处', nameEn: 'Sanitation Office' },
      { code: 'szj', name: '市政工程管理处' },
    ]);
    expect(cats.classes.find((c: { code: string }) => c.code === 'C0101')).toMatchObject({
      name: '井盖缺失',
      nameEn: 'Manhole cover missing',
      majorEn: 'Public utilities',
    });
    expect(cats.classes.find((c: { code: string }) => c.code === 'E0101')).not.toHaveProperty('nameEn');

    const english = map();
    for (const f of english.features) {
      const p = f.properties;
      p['name_en'] = `Ceshi Grid ${String(p['网格编码']).slice(-2)}`;
      p['community_name_en'] = `Ceshi ${String(p['社区名称']).slice(2, 3)} Community`;
      p['street_name_en'] = 'Ceshi Street';
    }
    const r = await upload('grids', json(english), 'application/geo+json');
    expect(r.body.summary).toMatchObject({ grids: { updated: 25 }, communities: { updated: 5 }, streets: { updated: 1 } });
    const props = async () =>
      (await s.api('GET', '/api/grids')).body.features.find((f: { id: string }) => f.id === fixtureGrid(2, 3)).properties;
    expect(await props()).toMatchObject({
      name: '测试3社区第04网格',
      nameEn: 'Ceshi Grid 04',
      communityName: '测试3社区',
      communityNameEn: 'Ceshi 3 Community',
      streetName: '测试街道',
      streetNameEn: 'Ceshi Street',
    });
    const outlines = (await s.api('GET', '/api/grids/boundaries')).body.features as { properties: { level: string; nameEn?: string } }[];
    expect(outlines.find((f) => f.properties.level === 'street')!.properties.nameEn).toBe('Ceshi Street');

    // The map again without English: the names go, the Chinese ones stay.
    expect((await upload('grids', json(map()), 'application/geo+json')).body.summary.grids).toMatchObject({ updated: 25 });
    const plain = await props();
    expect(plain).toMatchObject({ name: '测试3社区第04网格', communityName: '测试3社区', streetName: '测试街道' });
    for (const key of ['nameEn', 'communityNameEn', 'streetNameEn']) expect(plain).not.toHaveProperty(key);
  });

  it('the coverage report lists grids without a checker and departments without a handler', async () => {
    await addUser({ username: 'hwc_handler', role: 'dept_handler', departmentCode: 'hwc', streetCode: null, gridCodes: [] });
    const r = await s.api('GET', '/api/admin/coverage', { cookie: cookies.admin });
    expect(r.status).toBe(200);
    // Only the patrol account covers a grid (4,4); a manager on the staff list (0,0) cannot sign in to check.
    expect(r.body.gridsWithoutChecker).toHaveLength(24);
    expect(r.body.gridsWithoutChecker.map((g: { code: string }) => g.code)).not.toContain(fixtureGrid(4, 4));
    expect(r.body.gridsWithoutChecker.map((g: { code: string }) => g.code)).toContain(fixtureGrid(0, 0));
    expect(r.body.classesWithoutDepartment).toEqual([]);
    expect(r.body.departmentsWithoutHandler).toEqual([
      { code: 'cgj', name: '城市管理局' },
      { code: 'szj', name: '市政工程管理处' },
    ]);
    expect(r.body.counts).toMatchObject({ grids: 25, staff: 3, departments: 3, classes: 3 });
  });

  it('imports staff accounts from a CSV with Chinese headers: every bad row reported and nothing written, then all at once', async () => {
    const header = ['用户名', '姓名', '角色', '网格编码', '街道编码', '部门编码'];
    const street = fixtureGrid(0, 0).slice(0, 9);
    const good = [
      ['lin.yi', '林一', '网格员', `${fixtureGrid(0, 0)}、${fixtureGrid(0, 1)}`, '', ''],
      ['chen.er', '陈二', '巡查员', `${fixtureGrid(1, 0)}; ${fixtureGrid(1, 1)}`, '', ''],
      ['huang.san', '黄三', '部门处置员', '', '', 'cgj'],
      ['zhang.si', '张四', '街长', '', street, ''],
    ];
    const usersBefore = (await s.api('GET', '/api/admin/users', { cookie: cookies.admin })).body.users.length as number;
    const bad = await upload(
      'accounts',
      Buffer.from(
        csv([
          header,
          ...good,
          ['wang.wu', '王五', '保洁', '', '', ''],
          ['li.liu', '李六', '调度员', fixtureGrid(2, 2), '', ''],
          ['wu.qi', '吴七', '巡查员', '35040400999901', '', ''],
          ['zheng.ba', '郑八', '部门处置员', '', '', 'nope'],
          ['lin.yi', '林一', '督查', '', '', ''],
          ['patrol', '已有', '督查', '', '', ''],
        ]),
      ),
      'text/csv',
    );
    expect(bad.status).toBe(422);
    expect(bad.body.problems.map((p: { feature: string; code: string }) => [p.feature, p.code])).toEqual([
      ['row 6', 'role_unknown'],
      ['row 7', 'scope_gridCodes'],
      ['row 8', 'scope_gridCodes'],
      ['row 9', 'scope_departmentCode'],
      ['row 10', 'username_duplicate'],
      ['row 11', 'username_taken'],
    ]);
    expect((await s.api('GET', '/api/admin/users', { cookie: cookies.admin })).body.users).toHaveLength(usersBefore);

    const file = Buffer.from(csv([header, ...good]));
    const dry = await upload('accounts', file, 'text/csv', '?dryRun=true');
    expect(dry).toMatchObject({ status: 200, body: { ok: true, dryRun: true, summary: { created: 0 } } });
    expect(dry.body.summary.accounts.map((a: { password?: string }) => a.password)).toEqual([undefined, undefined, undefined, undefined]);
    expect((await s.api('GET', '/api/admin/users', { cookie: cookies.admin })).body.users).toHaveLength(usersBefore);

    const done = await upload('accounts', file, 'text/csv');
    expect(done).toMatchObject({ status: 200, body: { ok: true, dryRun: false, summary: { created: 4 } } });
    const made: { username: string; role: string; password: string }[] = done.body.summary.accounts;
    expect(made.map((a) => [a.username, a.role])).toEqual([
      ['lin.yi', 'grid_staff'],
      ['chen.er', 'patrol'],
      ['huang.san', 'dept_handler'],
      ['zhang.si', 'street_chief'],
    ]);
    const listed = (await s.api('GET', '/api/admin/users', { cookie: cookies.admin })).body.users as {
      username: string;
      gridCodes: string[];
    }[];
    expect(listed).toHaveLength(usersBefore + 4);
    expect(listed.find((u) => u.username === 'chen.er')?.gridCodes).toEqual([fixtureGrid(1, 0), fixtureGrid(1, 1)]);
    const audit = (await s.api('GET', '/api/admin/audit?limit=10', { cookie: cookies.admin })).body;
    const created = audit.entries.filter((e: { action: string }) => e.action === 'user.create');
    expect(created.map((e: { actorId: string; details: { username: string } }) => [e.actorId, e.details.username]).sort()).toEqual(
      ['chen.er', 'huang.san', 'lin.yi', 'zhang.si'].map((u) => ['u-admin', u]),
    );

    // The same file again: every name is taken now, and nothing more is created.
    const again = await upload('accounts', file, 'text/csv');
    expect(again.body.problems.map((p: { code: string }) => p.code)).toEqual(Array(4).fill('username_taken'));

    // A new grid officer signs in with the temporary password and must change it first.
    const lin = made[0]!;
    const signIn = await fetch(`${s.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'lin.yi', password: lin.password }),
    });
    const session = (await signIn.json()) as { mustChangePassword: boolean; user: { gridCodes: string[] } };
    expect([signIn.status, session.mustChangePassword, session.user.gridCodes]).toEqual([
      200,
      true,
      [fixtureGrid(0, 0), fixtureGrid(0, 1)],
    ]);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect((await s.api('GET', '/api/incidents?limit=5', { cookie })).body.error).toBe('password_change_required');
    const changed = await s.api('POST', '/api/session/password', { cookie, body: { current: lin.password, next: 'Wangge-Lin-2027' } });
    expect([changed.status, changed.body.mustChangePassword]).toEqual([200, false]);
    expect((await s.api('GET', '/api/incidents?limit=5', { cookie })).status).toBe(200);

    // The grids the new patrol and grid staff accounts cover have a checker now.
    const r = await s.api('GET', '/api/admin/coverage', { cookie: cookies.admin });
    const without = r.body.gridsWithoutChecker.map((g: { code: string }) => g.code);
    expect(without).toHaveLength(20);
    for (const [row, col] of [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
      [4, 4],
    ] as const)
      expect(without).not.toContain(fixtureGrid(row, col));
    expect(r.body.departmentsWithoutHandler).toEqual([{ code: 'szj', name: '市政工程管理处' }]);
  });

  if (dialect === 'postgres') {
    it('a second node notices an import on the first and reloads by itself', async () => {
      const b = await startTestServer({ dialect, seed: 'none', schema: s.schema! });
      try {
        expect(b.ctx.ref.departments.has('ylj')).toBe(false);
        const r = await upload(
          'departments',
          Buffer.from(
            csv([
              ['部门编码', '部门名称'],
              ['ylj', '园林管理中心'],
            ]),
          ),
          'text/csv',
        );
        expect(r.status).toBe(200);
        const deadline = Date.now() + 15_000;
        while (!b.ctx.ref.departments.has('ylj') && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 200));
        expect(b.ctx.ref.departments.get('ylj')).toEqual({ code: 'ylj', name: '园林管理中心' });
        expect(b.ctx.ref.version).toBe(s.ctx.ref.version);
      } finally {
        await b.stop();
      }
    }, 30_000);
  }

  if (dialect === 'sqlite') {
    const cli = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        const env: NodeJS.ProcessEnv = { ...process.env, SQLITE_FILE: sqliteFile };
        delete env.DATABASE_URL;
        execFile('npx', ['tsx', 'server/src/cli/main.ts', ...args], { cwd: ROOT, env, timeout: 60_000 }, (err, stdout, stderr) =>
          resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
        );
      });

    it('through the CLI: a dry run prints every problem and exits 1; an import reaches the running server', async () => {
      const bad = map();
      for (const i of [1, 2]) ringOf(cell(bad, 2, 2))[i]![0] += SIZE / 2;
      bad.features[7]!.properties['网格编码'] = fixtureGrid(0, 0);
      const badFile = path.join(dir, 'bad.geojson');
      fs.writeFileSync(badFile, JSON.stringify(bad));
      const refused = await cli(['import', 'grids', badFile, '--dry-run']);
      expect(refused.code, refused.stderr).toBe(1);
      expect(refused.stderr).toContain(
        `${fixtureGrid(2, 2)} × ${fixtureGrid(2, 3)}: 网格 ${fixtureGrid(2, 2)} 与 ${fixtureGrid(2, 3)} 重叠`,
      );
      expect(refused.stderr).toContain(
        `#8 (${fixtureGrid(0, 0)}) · 网格编码: 网格编码 ${fixtureGrid(0, 0)} 与 #1 (${fixtureGrid(0, 0)}) 重复`,
      );
      // Feature #8 keeps its own community code (prefix), and, left out as a duplicate, leaves a hole (gap).
      expect(refused.stderr).toContain(`#8 (${fixtureGrid(0, 0)}) · 网格编码: 网格编码前12位应为社区编码`);
      expect(refused.stderr).toMatch(/gap 1: 网格之间有约 \d+ 平方米未覆盖/);
      expect(refused.stderr).toMatch(/4 problem\(s\) in .*bad\.geojson; nothing was written/);

      const goodFile = path.join(dir, 'good.geojson');
      fs.writeFileSync(goodFile, JSON.stringify(map()));
      const dry = await cli(['import', 'grids', goodFile, '--dry-run']);
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout).toContain('valid (dry run, nothing written)');

      const deptFile = path.join(dir, 'depts.csv');
      fs.writeFileSync(
        deptFile,
        gbk(
          csv([
            ['部门编码', '部门名称'],
            ['ylj', '园林管理中心'],
          ]),
        ),
      );
      const done = await cli(['import', 'departments', deptFile]);
      expect(done.code, done.stderr).toBe(0);
      expect(done.stdout).toMatch(/added: 1/);
      // The running server's watcher sees the new reference version within its 5 s period.
      const deadline = Date.now() + 15_000;
      while (!s.ctx.ref.departments.has('ylj') && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 200));
      expect((await s.api('GET', '/api/categories')).body.departments.map((x: { code: string }) => x.code)).toContain('ylj');

      const coverage = await cli(['coverage']);
      expect(coverage.code).toBe(1);
      expect(coverage.stdout).toMatch(/无处置人员的部门 \(departments without a handler\): \d+\n(?: {2}.*\n)* {2}ylj 园林管理中心\n/);

      // Accounts from the command line: the temporary passwords go to a file only the owner can read, not to the terminal.
      const accountsFile = path.join(dir, 'accounts.csv');
      fs.writeFileSync(
        accountsFile,
        gbk(
          csv([
            ['用户名', '姓名', '角色', '部门编码'],
            ['ylj.handler', '园林处置员', '处置员', 'ylj'],
          ]),
        ),
      );
      const out = path.join(dir, 'passwords.csv');
      const imported = await cli(['import', 'accounts', accountsFile, '--passwords-out', out]);
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stdout).toContain(`temporary passwords written to ${out}`);
      expect(fs.statSync(out).mode & 0o777).toBe(0o600);
      const [, line] = fs
        .readFileSync(out, 'utf8')
        .replace(/^\uFEFF/, '')
        .split('\r\n');
      const password = line!.split(',')[3]!;
      expect(line).toBe(`ylj.handler,园林处置员,dept_handler,${password}`);
      expect(imported.stdout).not.toContain(password);
      const signIn = await fetch(`${s.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'ylj.handler', password }),
      });
      expect([signIn.status, ((await signIn.json()) as { mustChangePassword: boolean }).mustChangePassword]).toEqual([200, true]);
      // An existing passwords file is never overwritten, and then nothing is imported.
      const refusedOut = await cli(['import', 'accounts', accountsFile, '--passwords-out', out]);
      expect(refusedOut.code).not.toBe(0);
      expect(refusedOut.stderr).toContain(`cannot create ${out}`);
    }, 120_000);
  }
}

describe('onboarding a district on SQLite', () => onboardingSuite('sqlite'));
describe.skipIf(!pgUp)('onboarding a district on PostgreSQL (skipped only outside CI when it is unreachable)', () =>
  onboardingSuite('postgres'),
);

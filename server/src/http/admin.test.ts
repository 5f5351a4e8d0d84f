import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, ROLES, type Role } from '@streetchief/shared';
import { passwordProblem, type AdminUser, type AuditEntry } from '@streetchief/shared/admin/index';
import { postgresAvailable } from '../testing/services.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

/** 小蕉社区第01–02网格, 列西街道, 环卫处: codes of the sample district. */
const GRIDS = ['35040400200801', '35040400200802'];
const STREET = '350404002';
const DEPT = 'hwc';
const NEW_PASSWORD = 'Meilie-river-2026';

/** A valid new account of each role (district-wide roles have no scope). */
function accountFor(role: Role, username: string) {
  const scope =
    role === 'patrol' || role === 'grid_staff'
      ? { gridCodes: GRIDS }
      : role === 'street_chief'
        ? { streetCode: STREET }
        : role === 'dept_handler'
          ? { departmentCode: DEPT }
          : {};
  return { username, displayName: `新${role}`, role, ...scope };
}

async function signIn(s: TestServer, username: string, password: string) {
  const res = await fetch(`${s.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { status: res.status, body: (await res.json()) as any, cookie };
}

/** A socket with the cookie; resolves once connected or refused. */
function openSocket(s: TestServer, cookie: string): Promise<{ socket: Socket; error: string | null }> {
  const socket = connect(s.url, {
    transports: ['websocket'],
    extraHeaders: { cookie },
    auth: { protocol: PROTOCOL_VERSION, after: 0 },
    reconnection: false,
  });
  return new Promise((resolve) => {
    socket.once('hello', () => resolve({ socket, error: null }));
    socket.once('connect_error', (err) => resolve({ socket, error: err.message }));
  });
}

function adminSuite(name: string, start: () => Promise<TestServer>) {
  describe(`administration (${name})`, () => {
    let s: TestServer;
    let admin: string;
    const sockets: Socket[] = [];
    beforeAll(async () => {
      s = await start();
      admin = await s.login('admin');
    });
    afterAll(async () => {
      for (const so of sockets) so.close();
      await s?.stop();
    });

    const create = (body: unknown) => s.api('POST', '/api/admin/users', { cookie: admin, body });

    it('refuses every admin route to other roles (403) and to nobody (401)', async () => {
      const target = (await s.api<{ users: AdminUser[] }>('GET', '/api/admin/users', { cookie: admin })).body.users[0]!.id;
      const routes: [string, string, unknown?][] = [
        ['GET', '/api/admin/users'],
        ['POST', '/api/admin/users', accountFor('dispatcher', 'x_forbidden')],
        ['GET', `/api/admin/users/${target}`],
        ['PATCH', `/api/admin/users/${target}`, { expectedVersion: 1, displayName: 'x' }],
        ['POST', `/api/admin/users/${target}/disable`],
        ['POST', `/api/admin/users/${target}/enable`],
        ['POST', `/api/admin/users/${target}/reset-password`],
        ['GET', '/api/admin/audit'],
        ['GET', '/api/admin/audit.csv'],
        ['GET', '/api/admin/audit.xlsx'],
        ['GET', '/api/admin/displays'],
        ['POST', '/api/admin/displays', { name: '大屏' }],
        ['DELETE', '/api/admin/displays/nope'],
      ];
      for (const who of ['dispatcher', 'supervisor', 'wall', 'liexi_chief', 'dept_hwc', 'patrol_liexi']) {
        const cookie = await s.login(who);
        for (const [method, url, body] of routes) {
          const r = await s.api(method, url, { cookie, body });
          expect([who, method, url, r.status]).toEqual([who, method, url, 403]);
        }
      }
      for (const [method, url, body] of routes) expect((await s.api(method, url, { body })).status).toBe(401);
      // Nothing was created or changed by any of those calls.
      const audit = await s.api<{ entries: AuditEntry[] }>('GET', '/api/admin/audit', { cookie: admin });
      expect(audit.body.entries).toEqual([]);
    });

    it('creates an account of every role with a one-time password that passes the policy', async () => {
      for (const role of ROLES) {
        const r = await create(accountFor(role, `new_${role}`));
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        expect(r.body.user).toMatchObject({ username: `new_${role}`, role, mustChangePassword: true, disabled: false, version: 1 });
        expect(passwordProblem(r.body.temporaryPassword, { username: `new_${role}` })).toBeNull();
      }
      const list = await s.api<{ users: AdminUser[] }>('GET', '/api/admin/users', { cookie: admin });
      const patrol = list.body.users.find((u) => u.username === 'new_patrol')!;
      expect(patrol).toMatchObject({ gridCodes: GRIDS, lastSignInAt: null, mustChangePassword: true });
      expect(list.body.users.find((u) => u.username === 'new_street_chief')!.streetCode).toBe(STREET);
      expect(list.body.users.find((u) => u.username === 'new_dept_handler')!.departmentCode).toBe(DEPT);
      // The password is stored as a hash only: no answer repeats it.
      expect(JSON.stringify(list.body)).not.toMatch(/temporaryPassword|password_hash|scrypt/);
    });

    it('refuses a scope that does not fit the role or the map, naming the field; a taken username is 409', async () => {
      const cases: [unknown, string][] = [
        [{ ...accountFor('patrol', 'bad1'), gridCodes: [] }, 'gridCodes'],
        [{ ...accountFor('patrol', 'bad2'), gridCodes: ['35040499999999'] }, 'gridCodes'],
        [{ ...accountFor('grid_staff', 'bad3'), gridCodes: [GRIDS[0], GRIDS[0]] }, 'gridCodes'],
        [{ ...accountFor('street_chief', 'bad4'), streetCode: '350404999' }, 'streetCode'],
        [{ ...accountFor('street_chief', 'bad5'), streetCode: undefined }, 'streetCode'],
        [{ ...accountFor('dept_handler', 'bad6'), departmentCode: 'nope' }, 'departmentCode'],
        [{ ...accountFor('dispatcher', 'bad7'), streetCode: STREET }, 'streetCode'],
        [{ ...accountFor('wall', 'bad8'), gridCodes: GRIDS }, 'gridCodes'],
        [{ ...accountFor('supervisor', 'bad9'), departmentCode: DEPT }, 'departmentCode'],
        [{ ...accountFor('dispatcher', 'Bad Name') }, 'username'],
        [{ ...accountFor('dispatcher', 'ok_name'), role: 'boss' }, 'role'],
        [{ ...accountFor('dispatcher', 'ok_name'), displayName: '' }, 'displayName'],
      ];
      for (const [body, field] of cases) {
        const r = await create(body);
        expect([r.status, r.body.field], JSON.stringify(body)).toEqual([400, field]);
      }
      const taken = await create(accountFor('dispatcher', 'dispatcher'));
      expect(taken.status).toBe(409);
      expect(taken.body.field).toBe('username');
    });

    it('a new dispatcher must change the temporary password before anything else, then works', async () => {
      const made = await create(accountFor('dispatcher', 'desk_li'));
      const temp: string = made.body.temporaryPassword;
      const first = await signIn(s, 'desk_li', temp);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ kind: 'user', mustChangePassword: true, user: { username: 'desk_li', role: 'dispatcher' } });
      const cookie = first.cookie;
      // Refused everywhere else, HTTP and socket, until the password is changed.
      for (const url of ['/api/incidents', '/api/stats?from=2026-11-01&to=2026-11-30', '/api/admin/users', '/api/daily-reports/status']) {
        const r = await s.api('GET', url, { cookie });
        expect([url, r.status, r.body.error]).toEqual([url, 403, 'password_change_required']);
      }
      const blocked = await openSocket(s, cookie);
      sockets.push(blocked.socket);
      expect(blocked.error).toBe('password_change_required');
      expect((await s.api('GET', '/api/session', { cookie })).body.mustChangePassword).toBe(true);

      // The policy and the current password are checked, each answer naming its field.
      const weak = await s.api('POST', '/api/session/password', { cookie, body: { current: temp, next: 'demo1234!!' } });
      expect([weak.status, weak.body.field, weak.body.rule]).toEqual([400, 'next', 'published']);
      const mine = await s.api('POST', '/api/session/password', { cookie, body: { current: temp, next: 'Desk_li-2026-x' } });
      expect([mine.status, mine.body.rule]).toEqual([400, 'username']);
      const wrong = await s.api('POST', '/api/session/password', { cookie, body: { current: 'not-it-at-all', next: NEW_PASSWORD } });
      expect([wrong.status, wrong.body.field]).toEqual([400, 'current']);
      const same = await s.api('POST', '/api/session/password', { cookie, body: { current: temp, next: temp } });
      expect([same.status, same.body.rule]).toEqual([400, 'unchanged']);

      const changed = await s.api('POST', '/api/session/password', { cookie, body: { current: temp, next: NEW_PASSWORD } });
      expect(changed.status).toBe(200);
      expect(changed.body.mustChangePassword).toBe(false);
      // The same session now works, over HTTP and socket.
      expect((await s.api('GET', '/api/incidents?limit=5', { cookie })).status).toBe(200);
      const live = await openSocket(s, cookie);
      sockets.push(live.socket);
      expect(live.error).toBeNull();
      expect((await signIn(s, 'desk_li', temp)).status).toBe(401);
      const again = await signIn(s, 'desk_li', NEW_PASSWORD);
      expect(again.body.mustChangePassword).toBe(false);
      expect((await s.api('GET', '/api/admin/users', { cookie: again.cookie })).status).toBe(403);
      const listed = (await s.api<{ users: AdminUser[] }>('GET', '/api/admin/users', { cookie: admin })).body.users;
      expect(listed.find((u) => u.username === 'desk_li')).toMatchObject({ mustChangePassword: false, lastSignInAt: expect.any(String) });
    });

    it('disabling ends the sessions at once (HTTP 401, socket closed) and enabling lets the account back in', async () => {
      const { cookie } = await signIn(s, 'desk_li', NEW_PASSWORD);
      const { socket, error } = await openSocket(s, cookie);
      sockets.push(socket);
      expect(error).toBeNull();
      const closed = new Promise<number>((resolve) => {
        const t0 = Date.now();
        socket.once('disconnect', () => resolve(Date.now() - t0));
      });
      const id = (await s.api<{ users: AdminUser[] }>('GET', '/api/admin/users', { cookie: admin })).body.users.find(
        (u) => u.username === 'desk_li',
      )!.id;
      const off = await s.api('POST', `/api/admin/users/${id}/disable`, { cookie: admin });
      expect(off.status).toBe(200);
      expect(off.body.user).toMatchObject({ disabled: true, disabledAt: expect.any(String) });
      expect((await s.api('GET', '/api/incidents?limit=5', { cookie })).status).toBe(401);
      expect(await closed).toBeLessThan(1000);
      expect((await openSocket(s, cookie)).error).toBe('unauthenticated');
      const refused = await signIn(s, 'desk_li', NEW_PASSWORD);
      expect([refused.status, refused.body.error]).toEqual([403, 'account_disabled']);
      // A wrong password for a disabled account answers as any wrong password does.
      expect((await signIn(s, 'desk_li', 'wrong-password-1')).status).toBe(401);

      expect((await s.api('POST', `/api/admin/users/${id}/enable`, { cookie: admin })).body.user.disabled).toBe(false);
      expect((await signIn(s, 'desk_li', NEW_PASSWORD)).status).toBe(200);
    });

    it('an administrator cannot disable themselves, nor demote or disable the last enabled administrator', async () => {
      const me = (await s.api('GET', '/api/session', { cookie: admin })).body.user;
      const users = (await s.api<{ users: AdminUser[] }>('GET', '/api/admin/users', { cookie: admin })).body.users;
      const other = users.find((u) => u.username === 'new_admin')!;
      const self = await s.api('POST', `/api/admin/users/${me.id}/disable`, { cookie: admin });
      expect([self.status, self.body.reason]).toEqual([409, 'you cannot disable your own account']);
      expect((await s.api('POST', `/api/admin/users/${other.id}/disable`, { cookie: admin })).status).toBe(200);
      const version = users.find((u) => u.id === me.id)!.version;
      const demote = await s.api('PATCH', `/api/admin/users/${me.id}`, {
        cookie: admin,
        body: { expectedVersion: version, role: 'dispatcher' },
      });
      expect(demote.status).toBe(409);
      expect(demote.body.reason).toMatch(/only enabled administrator/);
      expect((await s.api('GET', '/api/admin/users', { cookie: admin })).status).toBe(200);
      expect((await s.api('POST', `/api/admin/users/${other.id}/enable`, { cookie: admin })).status).toBe(200);
    });

    it('resets a password: old one refused, sessions ended, the temporary one must be changed', async () => {
      const { cookie } = await signIn(s, 'desk_li', NEW_PASSWORD);
      const id = (await s.api('GET', '/api/session', { cookie })).body.user.id;
      const reset = await s.api('POST', `/api/admin/users/${id}/reset-password`, { cookie: admin });
      expect(reset.status).toBe(200);
      expect(reset.body.user.mustChangePassword).toBe(true);
      expect((await s.api('GET', '/api/session', { cookie })).status).toBe(401);
      expect((await signIn(s, 'desk_li', NEW_PASSWORD)).status).toBe(401);
      const temp = await signIn(s, 'desk_li', reset.body.temporaryPassword);
      expect(temp.body.mustChangePassword).toBe(true);
      expect((await s.api('GET', '/api/incidents', { cookie: temp.cookie })).body.error).toBe('password_change_required');
    });

    it('updates name, role and scope with the version check', async () => {
      const list = (await s.api<{ users: AdminUser[] }>('GET', '/api/admin/users', { cookie: admin })).body.users;
      const chief = list.find((u) => u.username === 'new_street_chief')!;
      const patch = (body: unknown) => s.api('PATCH', `/api/admin/users/${chief.id}`, { cookie: admin, body });
      const bad = await patch({ expectedVersion: chief.version, role: 'dispatcher' });
      expect([bad.status, bad.body.field]).toEqual([400, 'streetCode']);
      const ok = await patch({
        expectedVersion: chief.version,
        role: 'patrol',
        streetCode: null,
        gridCodes: [GRIDS[1]],
        displayName: '改任巡查员',
      });
      expect(ok.status).toBe(200);
      expect(ok.body.user).toMatchObject({
        role: 'patrol',
        streetCode: null,
        gridCodes: [GRIDS[1]],
        displayName: '改任巡查员',
        version: 2,
      });
      const stale = await patch({ expectedVersion: chief.version, displayName: '旧表单' });
      expect(stale.status).toBe(409);
      expect(stale.body.version).toBe(2);
      expect(
        (await s.api('PATCH', '/api/admin/users/u-nobody', { cookie: admin, body: { expectedVersion: 1, displayName: 'x' } })).status,
      ).toBe(404);
    });

    it('records every change in the audit log, pages it and exports it as CSV with Chinese headers', async () => {
      const all: AuditEntry[] = [];
      let cursor: string | null = null;
      do {
        const page: { status: number; body: { entries: AuditEntry[]; nextCursor: string | null } } = await s.api(
          'GET',
          `/api/admin/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
          { cookie: admin },
        );
        expect(page.status).toBe(200);
        all.push(...page.body.entries);
        cursor = page.body.nextCursor;
      } while (cursor);
      const ids = all.map((e) => e.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(new Set(ids).size).toBe(ids.length);
      const actions = all.map((e) => e.action);
      for (const a of ['user.create', 'user.password_change', 'user.disable', 'user.enable', 'user.password_reset', 'user.update'])
        expect(actions).toContain(a);
      expect(actions.filter((a) => a === 'user.create')).toHaveLength(ROLES.length + 1);
      const update = all.find((e) => e.action === 'user.update')!;
      expect(update.details).toMatchObject({ username: 'new_street_chief', changes: { role: { from: 'street_chief', to: 'patrol' } } });
      const adminId = (await s.api('GET', '/api/session', { cookie: admin })).body.user.id;
      expect(all.find((e) => e.action === 'user.disable')).toMatchObject({ actorId: adminId, actorName: '系统管理员', targetKind: 'user' });
      expect(all.find((e) => e.action === 'user.password_change')!.actorName).toBe('新dispatcher');
      expect(JSON.stringify(all)).not.toMatch(/scrypt|temporaryPassword|Meilie-river/);

      const only = await s.api<{ entries: AuditEntry[] }>('GET', '/api/admin/audit?action=user.disable', { cookie: admin });
      expect(only.body.entries.map((e) => e.details.username)).toEqual(['new_admin', 'desk_li']);
      expect(only.body.entries.every((e) => e.action === 'user.disable')).toBe(true);
      expect((await s.api('GET', '/api/admin/audit?from=2026-02-30', { cookie: admin })).body.field).toBe('from');
      expect((await s.api('GET', '/api/admin/audit?cursor=abc', { cookie: admin })).body.field).toBe('cursor');

      // A display name that a spreadsheet would run as a formula is exported as text.
      expect((await create({ ...accountFor('dispatcher', 'formula_x'), displayName: '=HYPERLINK("x")' })).status).toBe(201);
      const csv = await fetch(`${s.url}/api/admin/audit.csv`, { headers: { cookie: admin } });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
      const text = await csv.text();
      const lines = text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toBe('编号,时间,操作人,操作人编号,操作,对象类型,对象编号,对象,详情');
      expect(lines).toHaveLength(all.length + 2);
      expect(text).toContain('创建账号');
      expect(text).toContain('停用账号');
      expect(text).not.toMatch(/,=HYPERLINK/);
      const xlsx = await fetch(`${s.url}/api/admin/audit.xlsx?from=2000-01-01`, { headers: { cookie: admin } });
      expect(xlsx.status).toBe(200);
      expect(
        Buffer.from(await xlsx.arrayBuffer())
          .subarray(0, 2)
          .toString(),
      ).toBe('PK');
    });
  });
}

adminSuite('SQLite', () => startTestServer());

const pgUp = await postgresAvailable();
describe.skipIf(!pgUp)('on PostgreSQL (skipped only outside CI when it is unreachable)', () => {
  adminSuite('PostgreSQL', () => startTestServer({ dialect: 'postgres' }));
});

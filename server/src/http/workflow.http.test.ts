import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSIST_ACTIONS, ROLES, WORKFLOW, type Action, type CaseState, type Role } from '@streetchief/shared';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { postgresAvailable } from '../testing/services.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

/** A demo account per role, all in scope of a case reported in 小蕉社区第01网格 and dispatched to 环卫 (hwc). */
const ACCOUNT: Record<Role, string> = {
  patrol: 'patrol_liexi',
  grid_staff: 'grid_xiaojiao',
  dispatcher: 'dispatcher',
  dept_handler: 'dept_hwc',
  supervisor: 'supervisor',
  street_chief: 'liexi_chief',
  wall: 'wall',
  admin: 'admin',
};
const GRID = '35040400200801';
/** The department dispatched to assist (协办) on every case here; its handler takes the assist steps. */
const ASSIST_ACCOUNT = 'dept_szj';

let s: TestServer;
const cookies = {} as Record<Role, string>;
let point: [number, number];
let assistCookie: string;

beforeAll(async () => {
  s = await startTestServer();
  for (const r of ROLES) cookies[r] = await s.login(ACCOUNT[r]);
  assistCookie = await s.login(ASSIST_ACCOUNT);
  point = interiorPoint(s.ctx.ref.grids.find((g) => g.code === GRID)!.polygon)!;
});
afterAll(() => s?.stop());

const until = () => new Date(Date.now() + 5 * 86_400_000).toISOString();
/** A valid body for each action (the version is added per call). */
const BODY: Record<Exclude<Action, 'report'>, Record<string, unknown>> = {
  register: {},
  void: { reason: '重复' },
  dispatch: { leadDept: 'hwc', assistDepts: ['szj'] },
  accept: {},
  return: { reason: '非本单位' },
  feedback: { note: '已处置' },
  assign_check: { checkerId: 'u-patrol_liexi' },
  check_pass: {},
  check_fail: { reason: '未整改' },
  request_extension: { reason: '需协调', until: until() },
  approve_extension: {},
  reject_extension: { reason: '请按期' },
  park: { reason: '长期' },
  unpark: {},
  escalate: { reason: '督办' },
  comment: { reason: '请加快' },
  decide: { reason: '联席例会：限期办结', responsibleChief: '列西街道街长' },
  assist_note: { note: '已协调停水' },
  assist_done: {},
};

/** Who takes `type` as `role`: an assist step is the assisting department's, every other its role's account. */
const cookieFor = (role: Role, type: Exclude<Action, 'report'>) =>
  role === 'dept_handler' && ASSIST_ACTIONS.includes(type) ? assistCookie : cookies[role];
const accountFor = (role: Role, type: Exclude<Action, 'report'>) =>
  role === 'dept_handler' && ASSIST_ACTIONS.includes(type) ? ASSIST_ACCOUNT : ACCOUNT[role];

async function act(role: Role, id: string, type: Exclude<Action, 'report'>, expectedVersion: number) {
  return s.api('POST', `/api/incidents/${id}/actions`, { cookie: cookieFor(role, type), body: { type, expectedVersion, ...BODY[type] } });
}

/** Steps from a new report to each state, done by the right roles. */
const PATH: Record<CaseState, [Role, Exclude<Action, 'report'>][]> = {
  reported: [],
  registered: [['dispatcher', 'register']],
  voided: [['dispatcher', 'void']],
  dispatched: [
    ['dispatcher', 'register'],
    ['dispatcher', 'dispatch'],
  ],
  in_progress: [
    ['dispatcher', 'register'],
    ['dispatcher', 'dispatch'],
    ['dept_handler', 'accept'],
  ],
  handled: [
    ['dispatcher', 'register'],
    ['dispatcher', 'dispatch'],
    ['dept_handler', 'accept'],
    ['dept_handler', 'feedback'],
  ],
  closed: [
    ['dispatcher', 'register'],
    ['dispatcher', 'dispatch'],
    ['dept_handler', 'accept'],
    ['dept_handler', 'feedback'],
    ['grid_staff', 'check_pass'],
  ],
  parked: [
    ['dispatcher', 'register'],
    ['dispatcher', 'park'],
  ],
};

/** A fresh case in `state` (with a pending extension request when the action needs one). Returns id and version. */
async function caseIn(state: CaseState, pendingExtension = false): Promise<{ id: string; version: number }> {
  const id = randomUUID();
  const r = await s.api('POST', '/api/incidents', {
    cookie: cookies.patrol,
    body: { id, category: 'E0101', description: '暴露垃圾', lng: point[0], lat: point[1], source: 'patrol' },
  });
  expect(r.status).toBe(201);
  let version = 1;
  const steps = [...PATH[state]];
  if (pendingExtension) steps.push(['dept_handler', 'request_extension']);
  for (const [role, type] of steps) {
    const res = await act(role, id, type, version);
    expect(res.status, `${type} by ${role} while preparing ${state}`).toBe(200);
    version = res.body.incident.version;
  }
  return { id, version };
}

const snapshot = async (id: string) => (await s.api('GET', `/api/incidents/${id}`, { cookie: cookies.admin })).body;
const head = async () => (await s.api('GET', '/healthz')).body.head as number;

type Triple = [CaseState, Exclude<Action, 'report'>, Role];
const allowed: Triple[] = WORKFLOW.filter((t) => t.action !== 'report').flatMap((t) =>
  t.from.filter((f): f is CaseState => f !== null).flatMap((from) => t.roles.map((role) => [from, t.action, role] as Triple)),
);

describe('every (state, action, role) the workflow table allows works through the API', () => {
  it.each(allowed)('%s → %s by %s', async (state, action, role) => {
    const needsExtension = action === 'approve_extension' || action === 'reject_extension';
    const { id, version } = await caseIn(state, needsExtension);
    const res = await act(role, id, action, version);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const row = WORKFLOW.find((t) => t.action === action)!;
    const expected = row.to === 'same' ? state : row.to === 'unparked' ? 'registered' : row.to;
    expect(res.body.incident.status).toBe(expected);
    expect(res.body.incident.version).toBe(version + 1);
    const { history } = await snapshot(id);
    const last = history.at(-1);
    expect(last).toMatchObject({ kind: action, actor: { id: `u-${accountFor(role, action)}` } });
    if (row.needsReason) expect(last.reason).toBeTruthy();
  });
});

/** Forbidden: a role the table does not list (403) or a state it does not allow (409). */
const forbidden: [string, CaseState, Exclude<Action, 'report'>, Role, number][] = [
  ['wall may not register', 'reported', 'register', 'wall', 403],
  ['patrol may not dispatch', 'registered', 'dispatch', 'patrol', 403],
  ['dispatcher may not accept', 'dispatched', 'accept', 'dispatcher', 403],
  ['street chief may not feedback', 'in_progress', 'feedback', 'street_chief', 403],
  ['dept handler may not check their own work', 'handled', 'check_pass', 'dept_handler', 403],
  ['grid staff may not park', 'registered', 'park', 'grid_staff', 403],
  ['supervisor may not void', 'reported', 'void', 'supervisor', 403],
  ['dept handler may not approve an extension', 'in_progress', 'approve_extension', 'dept_handler', 403],
  ['cannot dispatch before registering', 'reported', 'dispatch', 'dispatcher', 409],
  ['cannot accept twice', 'in_progress', 'accept', 'dept_handler', 409],
  ['cannot check before feedback', 'in_progress', 'check_pass', 'grid_staff', 409],
  ['cannot act on a closed case', 'closed', 'comment', 'supervisor', 409],
  ['cannot void a dispatched case', 'dispatched', 'void', 'dispatcher', 409],
  ['cannot unpark a case that is not parked', 'registered', 'unpark', 'dispatcher', 409],
  ['cannot approve without a request', 'in_progress', 'approve_extension', 'dispatcher', 409],
  ['cannot register a voided case', 'voided', 'register', 'admin', 409],
];

describe('forbidden actions change nothing', () => {
  it.each(forbidden)('%s (%s, %s, %s) → %i', async (_name, state, action, role, status) => {
    const { id } = await caseIn(state);
    const before = await snapshot(id);
    const h0 = await head();
    const res = await act(role, id, action, before.incident.version);
    expect(res.status).toBe(status);
    expect(res.body.reason).toBeTruthy();
    expect(await snapshot(id)).toEqual(before);
    expect(await head()).toBe(h0);
  });

  it('协办: only an assisting department takes the assist steps, and the lead the lead steps', async () => {
    const { id, version } = await caseIn('in_progress');
    const post = (cookie: string, body: Record<string, unknown>) => s.api('POST', `/api/incidents/${id}/actions`, { cookie, body });
    const lead = await post(cookies.dept_handler, { type: 'assist_note', expectedVersion: version, note: '我们也做了' });
    expect(lead.status).toBe(403);
    const helper = await post(assistCookie, { type: 'feedback', expectedVersion: version, note: '已处置' });
    expect(helper.status).toBe(403);
    const note = await post(assistCookie, { type: 'assist_note', expectedVersion: version, note: '已关阀停水' });
    expect(note.status).toBe(200);
    expect(note.body.incident.assists).toEqual([{ dept: 'szj', notes: 1, doneAt: null }]);
    const done = await post(assistCookie, { type: 'assist_done', expectedVersion: version + 1 });
    expect(done.status).toBe(200);
    expect(done.body.incident.assists[0].doneAt).toBeTruthy();
    const again = await post(assistCookie, { type: 'assist_done', expectedVersion: version + 2 });
    expect(again.status).toBe(409);
    expect(again.body.reason).toMatch(/already/);
    // The lead department sees its partner's work in the case's history.
    const { history } = await s.api('GET', `/api/incidents/${id}`, { cookie: cookies.dept_handler }).then((r) => r.body);
    expect(history.map((h: { kind: string }) => h.kind)).toEqual(expect.arrayContaining(['assist_note', 'assist_done']));
    expect(history.find((h: { kind: string }) => h.kind === 'assist_note')).toMatchObject({
      reason: '已关阀停水',
      actor: { id: `u-${ASSIST_ACCOUNT}`, departmentCode: 'szj' },
    });
  });

  it('scope: another department, grid or street is answered like a missing case (404)', async () => {
    const { id, version } = await caseIn('dispatched');
    const other = { dept: await s.login('dept_cgj'), grid: await s.login('grid_dongan'), chief: await s.login('xubi_chief') };
    const before = await snapshot(id);
    expect(
      (await s.api('POST', `/api/incidents/${id}/actions`, { cookie: other.dept, body: { type: 'accept', expectedVersion: version } }))
        .status,
    ).toBe(404);
    expect(
      (
        await s.api('POST', `/api/incidents/${id}/actions`, {
          cookie: other.chief,
          body: { type: 'escalate', expectedVersion: version, reason: 'x' },
        })
      ).status,
    ).toBe(404);
    const handled = await caseIn('handled');
    expect(
      (
        await s.api('POST', `/api/incidents/${handled.id}/actions`, {
          cookie: other.grid,
          body: { type: 'check_pass', expectedVersion: handled.version },
        })
      ).status,
    ).toBe(404);
    expect(await snapshot(id)).toEqual(before);
  });

  it('malformed bodies get a 400 naming the field', async () => {
    const { id, version } = await caseIn('registered');
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'dispatch', expectedVersion: version }, 'leadDept'],
      [{ type: 'fly', expectedVersion: version }, 'type'],
      [{ type: 'register', expectedVersion: 'one' }, 'expectedVersion'],
      [{ type: 'park', expectedVersion: version, reason: '' }, 'reason'],
      [{ type: 'dispatch', expectedVersion: version, leadDept: 'nobody' }, 'leadDept'],
    ];
    for (const [body, field] of cases) {
      const r = await s.api('POST', `/api/incidents/${id}/actions`, { cookie: cookies.dispatcher, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.field).toBe(field);
    }
    expect(
      (
        await s.api('POST', `/api/incidents/not-a-uuid/actions`, {
          cookie: cookies.dispatcher,
          body: { type: 'register', expectedVersion: 1 },
        })
      ).body.field,
    ).toBe('id');
    expect(
      (
        await s.api('POST', `/api/incidents/${randomUUID()}/actions`, {
          cookie: cookies.dispatcher,
          body: { type: 'register', expectedVersion: 1 },
        })
      ).status,
    ).toBe(404);
    expect((await s.api('POST', `/api/incidents/${id}/actions`, { body: { type: 'register', expectedVersion: 1 } })).status).toBe(401);
  });
});

describe('optimistic concurrency', () => {
  it('two concurrent actions with the same expectedVersion: exactly one wins, the other gets 409', async () => {
    for (let round = 0; round < 5; round++) {
      const { id, version } = await caseIn('reported');
      const h0 = await head();
      const [a, b] = await Promise.all([act('dispatcher', id, 'register', version), act('admin', id, 'void', version)]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      expect(await head()).toBe(h0 + 1);
      const { incident, history } = await snapshot(id);
      expect(incident.version).toBe(version + 1);
      expect(history).toHaveLength(2);
    }
  });

  it('a stale expectedVersion is a 409 that names the current version', async () => {
    const { id, version } = await caseIn('registered');
    const r = await act('dispatcher', id, 'dispatch', version - 1);
    expect(r.status).toBe(409);
    expect(r.body.version).toBe(version);
  });
});

const pgUp = await postgresAvailable();
describe.skipIf(!pgUp)('optimistic concurrency on PostgreSQL (skipped only outside CI when it is unreachable)', () => {
  let pgServer: TestServer;
  beforeAll(async () => {
    pgServer = await startTestServer({ dialect: 'postgres' });
  });
  afterAll(() => pgServer?.stop());

  it('ten concurrent registrations of one case at one version: one 200, nine 409, one event', async () => {
    const patrol = await pgServer.login('patrol_liexi');
    const desk = await pgServer.login('dispatcher');
    for (let round = 0; round < 3; round++) {
      const id = randomUUID();
      await pgServer.api('POST', '/api/incidents', {
        cookie: patrol,
        body: { id, category: 'E0101', description: '并发', lng: point[0], lat: point[1], source: 'patrol' },
      });
      const h0 = (await pgServer.api('GET', '/healthz')).body.head as number;
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          pgServer.api('POST', `/api/incidents/${id}/actions`, { cookie: desk, body: { type: 'register', expectedVersion: 1 } }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)]);
      expect((await pgServer.api('GET', '/healthz')).body.head).toBe(h0 + 1);
      const { history } = (await pgServer.api('GET', `/api/incidents/${id}`, { cookie: desk })).body;
      expect(history.map((e: any) => e.kind)).toEqual(['report', 'register']);
    }
  });
});

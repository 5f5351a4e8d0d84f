import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { issueApiClient, revokeApiClient } from '../apiClients/apiClientRepo.ts';
import { postgresAvailable } from '../testing/services.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

/** 小蕉社区第01网格: the patrol `patrol_liexi` checks there; 暴露垃圾 (E0101) goes to 环卫 (hwc). */
const GRID = '35040400200801';
const xml = new XMLParser({
  parseTagValue: false,
  isArray: (name) => ['service', 'request', 'error', 'endpoint', 'format'].includes(name),
});

const dialects = (await postgresAvailable()) ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

let s: TestServer;
let key: string;
let point: [number, number];

/** A GET as a civic app makes it: no cookie. */
async function get(path: string) {
  const res = await fetch(`${s.url}/open311/v2/${path}`);
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

/** A POST as the spec sends it: form-encoded. */
async function post(path: string, fields: Record<string, string>) {
  const res = await fetch(`${s.url}/open311/v2/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

const request = (extra: Record<string, string> = {}) => ({
  api_key: key,
  service_code: 'E0101',
  lat: String(point[1]),
  long: String(point[0]),
  description: '小区门口垃圾堆了三天没人清',
  email: 'zhang.san@example.com',
  first_name: '张三',
  phone: '13905981234',
  ...extra,
});

describe.each(dialects)('Open311 GeoReport v2 on %s, driven as a client does', (dialect) => {
  beforeAll(async () => {
    s = await startTestServer({ dialect });
    key = (await issueApiClient(s.store.db, 'open311', '市民通 App', new Date())).key;
    point = interiorPoint(s.ctx.ref.grids.find((g) => g.code === GRID)!.polygon)!;
  });
  afterAll(() => s?.stop());

  it('lists the case classes as services in JSON and in XML, and one service definition', async () => {
    const json = await get('services.json');
    expect(json.status).toBe(200);
    const services = JSON.parse(json.text) as { service_code: string; group: string; type: string; metadata: boolean }[];
    expect(services.length).toBe(s.ctx.ref.classes.size);
    expect(services.find((x) => x.service_code === 'E0101')).toMatchObject({ group: '市容环境', type: 'realtime', metadata: false });

    const x = await get('services.xml');
    expect(x.type).toMatch(/xml/);
    const doc = xml.parse(x.text) as { services: { service: { service_code: string; group: string }[] } };
    expect(doc.services.service.map((v) => v.service_code)).toEqual(services.map((v) => v.service_code));

    const en = JSON.parse((await get('services.json?locale=en')).text) as { service_code: string; service_name: string }[];
    expect(en.find((v) => v.service_code === 'E0101')!.service_name).not.toMatch(/[\u4e00-\u9fff]/);

    const def = await get('services/E0101.xml');
    expect((xml.parse(def.text) as { service_definition: { service_code: string } }).service_definition.service_code).toBe('E0101');
    expect((await get('services/E9999.json')).status).toBe(404);
  });

  it('takes a request, answers a retry with the same one, and shows it by token and by id without personal data', async () => {
    const first = await post('requests.json', request({ client_request_id: 'app-0001' }));
    expect(first.status).toBe(201);
    const [made] = JSON.parse(first.text) as { service_request_id: string; token: string }[];
    expect(made!.service_request_id).toMatch(/^\d{4}-\d{6}$/);

    const retry = await post('requests.json', request({ client_request_id: 'app-0001' }));
    expect(retry.status).toBe(200);
    expect(JSON.parse(retry.text)).toEqual([expect.objectContaining({ service_request_id: made!.service_request_id, token: made!.token })]);

    const byToken = JSON.parse((await get(`tokens/${made!.token}.json`)).text) as { service_request_id: string }[];
    expect(byToken).toEqual([{ token: made!.token, service_request_id: made!.service_request_id }]);

    const read = await get(`requests/${made!.service_request_id}.json`);
    const [shown] = JSON.parse(read.text) as Record<string, unknown>[];
    expect(shown).toMatchObject({
      service_request_id: made!.service_request_id,
      status: 'open',
      status_notes: '已收到，待核实立案',
      service_code: 'E0101',
      description: '小区门口垃圾堆了三天没人清',
      address_id: GRID,
    });
    for (const secret of ['zhang.san@example.com', '张三', '13905981234']) expect(read.text).not.toContain(secret);

    // One case, in the normal workflow: a public (群众) report waiting for the desk to register it.
    const desk = await s.login('dispatcher');
    const list = await s.api('GET', '/api/incidents?status=reported&limit=200', { cookie: desk });
    const cases = (list.body.items as { caseNo: string; source: string }[]).filter((c) => c.caseNo === made!.service_request_id);
    expect(cases).toEqual([expect.objectContaining({ source: 'public' })]);
  });

  it('follows the case through the workflow to closed, in JSON and XML, naming no member of staff', async () => {
    const made = JSON.parse((await post('requests.json', request())).text)[0] as { service_request_id: string };
    const id = made.service_request_id;
    const c = (await s.api('GET', `/api/incidents?caseNo=${id}`, { cookie: await s.login('dispatcher') })).body.items[0] as { id: string };
    const staffNames: string[] = [];
    const steps: [string, Record<string, unknown>, string, 'open' | 'closed'][] = [
      ['dispatcher', { type: 'register' }, '已立案，待派遣', 'open'],
      [
        'dispatcher',
        { type: 'dispatch', leadDept: 'hwc', assistDepts: [] },
        `已派遣至${s.ctx.ref.departments.get('hwc')!.name}，待受理`,
        'open',
      ],
      ['dept_hwc', { type: 'accept' }, `${s.ctx.ref.departments.get('hwc')!.name}处置中`, 'open'],
      ['dept_hwc', { type: 'feedback', note: '已清运' }, '已处置，待现场核查', 'open'],
      ['patrol_liexi', { type: 'check_pass' }, '已核查结案', 'closed'],
    ];
    let version = 1;
    for (const [account, body, notes, status] of steps) {
      const cookie = await s.login(account);
      const me = await s.api('GET', '/api/session', { cookie });
      staffNames.push(me.body.user.displayName as string);
      const acted = await s.api('POST', `/api/incidents/${c.id}/actions`, { cookie, body: { ...body, expectedVersion: version } });
      expect(acted.status, `${account} ${String(body.type)}`).toBe(200);
      version = acted.body.incident.version as number;

      const j = JSON.parse((await get(`requests/${id}.json`)).text)[0] as { status: string; status_notes: string };
      expect({ status: j.status, status_notes: j.status_notes }).toEqual({ status, status_notes: notes });
      const x = await get(`requests/${id}.xml`);
      const r = (xml.parse(x.text) as { service_requests: { request: { status: string; status_notes: string }[] } }).service_requests
        .request[0]!;
      expect({ status: r.status, status_notes: r.status_notes }).toEqual({ status, status_notes: notes });
      for (const name of staffNames) expect(x.text).not.toContain(name);
    }
    const closed = JSON.parse((await get('requests.json?status=closed&service_code=E0101')).text) as { service_request_id: string }[];
    expect(closed.map((r) => r.service_request_id)).toContain(id);
    const open = JSON.parse((await get('requests.json?status=open&service_code=E0101')).text) as { service_request_id: string }[];
    expect(open.map((r) => r.service_request_id)).not.toContain(id);
  });

  it("answers the spec's errors as a list of {code, description}, in JSON and in XML", async () => {
    const noKey = await post('requests.json', { ...request(), api_key: '' });
    expect(noKey.status).toBe(400);
    expect(JSON.parse(noKey.text)).toEqual([{ code: 400, description: 'api_key is required' }]);

    const badKey = await post('requests.xml', request({ api_key: 'sc_open311_not-a-key' }));
    expect(badKey.status).toBe(403);
    expect((xml.parse(badKey.text) as { errors: { error: { code: string; description: string }[] } }).errors.error).toEqual([
      { code: '403', description: 'api_key is not valid' },
    ]);

    const unknown = await post('requests.xml', request({ service_code: 'E9999' }));
    expect(unknown.status).toBe(400);
    expect((xml.parse(unknown.text) as { errors: { error: { description: string }[] } }).errors.error[0]!.description).toMatch(
      /service_code E9999/,
    );

    const { lat: _lat, long: _long, ...nowhere } = request();
    const noPlace = await post('requests.json', nowhere);
    expect(noPlace.status).toBe(400);
    expect(JSON.parse(noPlace.text)[0].description).toMatch(/location is required/);

    const outside = await post('requests.json', request({ lat: '39.9', long: '116.4' }));
    expect(outside.status).toBe(400);
    expect(JSON.parse(outside.text)[0].description).toMatch(/outside the service area/);

    const feb30 = await get('requests.json?start_date=2026-02-30T00:00:00%2B08:00');
    expect(feb30.status).toBe(400);
    expect(JSON.parse(feb30.text)[0].description).toMatch(/start_date/);

    const missing = await get('requests/2026-999999.xml');
    expect(missing.status).toBe(404);
    expect((xml.parse(missing.text) as { errors: { error: { code: string }[] } }).errors.error[0]!.code).toBe('404');

    // A path the API does not have is an Open311 error, not the app's HTML page.
    const nothing = await get('nothing.json');
    expect(nothing.status).toBe(404);
    expect(nothing.type).toMatch(/json/);
  });

  it('places a request by grid code (address_id), and a revoked key is refused at once', async () => {
    const other = await issueApiClient(s.store.db, 'open311', 'SeeClickFix', new Date());
    const byGrid = await post(
      'requests.json',
      request({ api_key: other.key, lat: '', long: '', address_id: GRID, address_string: '小蕉新村3号楼' }),
    );
    expect(byGrid.status).toBe(201);
    const id = (JSON.parse(byGrid.text) as { service_request_id: string }[])[0]!.service_request_id;
    expect(JSON.parse((await get(`requests/${id}.json`)).text)[0].address_id).toBe(GRID);

    await revokeApiClient(s.store.db, other.client.id, new Date());
    expect((await post('requests.json', request({ api_key: other.key }))).status).toBe(403);
  });

  it('discovery names the endpoint and its formats', async () => {
    const d = xml.parse((await get('discovery.xml')).text) as {
      discovery: { endpoints: { endpoint: { url: string; formats: { format: string[] } }[] } };
    };
    expect(d.discovery.endpoints.endpoint[0]!.url).toBe(`${s.url}/open311/v2`);
    expect(d.discovery.endpoints.endpoint[0]!.formats.format).toEqual(['text/xml', 'application/json']);
  });
});

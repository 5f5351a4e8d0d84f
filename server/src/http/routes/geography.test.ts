import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { squareGridCollection } from '@streetchief/shared/testing/gridCollection';
import type { BoundaryCollection } from '@streetchief/shared/geo/boundaries';
import { hashPassword } from '../../auth/password.ts';
import { insertUser } from '../../store/userRepo.ts';
import { startTestServer, type TestServer } from '../../testing/testServer.ts';

/**
 * A plain GET as a browser's cache sends it. (Not `fetch`: by the Fetch standard a request with
 * `If-None-Match` also gets `Cache-Control: no-cache`, which asks the server for a full answer.)
 */
function boundaries(s: TestServer, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; etag?: string; cache?: string; type?: string; text: string; body: BoundaryCollection | null }>(
    (resolve, reject) => {
      http
        .get(`${s.url}/api/grids/boundaries`, { headers }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              etag: res.headers.etag,
              cache: res.headers['cache-control'],
              type: res.headers['content-type'],
              text,
              body: text ? (JSON.parse(text) as BoundaryCollection) : null,
            }),
          );
        })
        .on('error', reject);
    },
  );
}

const names = (b: BoundaryCollection, level: string, role = 'area') =>
  b.features
    .filter((f) => f.properties.level === level && f.properties.role === role)
    .map((f) => f.properties.name)
    .sort();

describe('GET /api/grids/boundaries on the demo district', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s?.stop());

  it('serves the street and community outlines with their names to anyone, cacheable', async () => {
    const r = await boundaries(s);
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^application\/json/);
    expect(r.cache).toBe('public, no-cache');
    expect(r.etag).toMatch(/^"[\w-]+"$/);
    expect(names(r.body!, 'street')).toEqual(['列东街道', '列西街道', '徐碧街道']);
    expect(names(r.body!, 'street', 'label')).toEqual(['列东街道', '列西街道', '徐碧街道']);
    expect(names(r.body!, 'community')).toHaveLength(20);
    expect(names(r.body!, 'community')).toContain('小蕉社区');
    // Units only: no grid chief or staff (personal data) in the public answer.
    expect(r.text).not.toMatch(/chief|staff|phone/);
    for (const f of r.body!.features)
      expect(Object.keys(f.properties).sort()).toEqual(['areaM2', 'code', 'level', 'name', 'nameEn', 'role', 'streetCode']);
  });

  it('names streets, communities, grids, classes and departments in English too', async () => {
    const outlines = (await boundaries(s)).body!.features.filter((f) => f.properties.role === 'label');
    expect(outlines.find((f) => f.properties.name === '列东街道')!.properties.nameEn).toBe('Liedong Street');
    expect(outlines.find((f) => f.properties.name === '小蕉社区')!.properties.nameEn).toBe('Xiaojiao Community');
    const grids = (await s.api('GET', '/api/grids')).body as { features: { properties: Record<string, string> }[] };
    expect(grids.features.find((f) => f.properties.name === '东安社区第03网格')!.properties).toMatchObject({
      nameEn: "Dong'an Grid 03",
      communityName: '东安社区',
      communityNameEn: "Dong'an Community",
      streetName: '列东街道',
      streetNameEn: 'Liedong Street',
    });
    const cats = (await s.api('GET', '/api/categories')).body as {
      classes: { name: string; nameEn?: string; majorEn?: string }[];
      departments: { code: string; shortName?: string; shortNameEn?: string; nameEn?: string }[];
    };
    expect(cats.classes).toHaveLength(59);
    expect(cats.classes.find((c) => c.name === '井盖缺失')).toMatchObject({ nameEn: 'Manhole cover missing', majorEn: 'Public utilities' });
    expect(cats.departments.find((d) => d.code === 'gaj')).toMatchObject({
      nameEn: 'Traffic Police Brigade',
      shortName: '交警大队',
      shortNameEn: 'Traffic Police',
    });
  });

  it('answers 304 while the map is unchanged, and the same to a signed-in user', async () => {
    const first = await boundaries(s);
    const again = await boundaries(s, { 'if-none-match': first.etag! });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const cookie = await s.login('wall');
    const signedIn = await boundaries(s, { cookie });
    expect(signedIn.etag).toBe(first.etag);
    expect(signedIn.text).toBe(first.text);
  });
});

describe('GET /api/grids/boundaries follows an import', () => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await startTestServer({ seed: 'none' });
    const password = 'boundaries-test-1';
    await insertUser(
      s.store.db,
      { id: 'u-admin', username: 'admin', displayName: 'admin', role: 'admin', departmentCode: null, streetCode: null, gridCodes: [] },
      await hashPassword(password),
    );
    admin = await s.login('admin', password);
  });
  afterAll(() => s?.stop());

  const importMap = async (rows: number) => {
    const res = await fetch(`${s.url}/api/admin/import/grids?name=测试区`, {
      method: 'POST',
      headers: { 'content-type': 'application/geo+json', cookie: admin },
      body: JSON.stringify(squareGridCollection(rows, 5)),
    });
    expect(res.status).toBe(200);
  };

  it('is empty before any map, then dissolves the imported grids, with a new ETag for each map', async () => {
    const empty = await boundaries(s);
    expect(empty.status).toBe(200);
    expect(empty.body!.features).toEqual([]);

    await importMap(5);
    const five = await boundaries(s);
    expect(five.etag).not.toBe(empty.etag);
    expect(names(five.body!, 'street')).toEqual(['测试街道']);
    expect(names(five.body!, 'community')).toEqual(['测试1社区', '测试2社区', '测试3社区', '测试4社区', '测试5社区']);
    // Five squares in a row dissolve into one rectangle per community.
    const community = five.body!.features.find((f) => f.properties.level === 'community' && f.properties.role === 'area')!;
    expect(community.geometry).toMatchObject({ type: 'Polygon' });
    expect((community.geometry as { coordinates: unknown[][] }).coordinates[0]!.length).toBeLessThanOrEqual(11);

    // A cached copy of the old map is not fresh any more.
    await importMap(6);
    const six = await boundaries(s, { 'if-none-match': five.etag! });
    expect(six.status).toBe(200);
    expect(six.etag).not.toBe(five.etag);
    expect(names(six.body!, 'community')).toHaveLength(6);
  });
});

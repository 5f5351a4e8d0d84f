import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let s: TestServer;
let patrol: string;
let dispatcher: string;
let hwc: string;
let point: [number, number];

beforeAll(async () => {
  s = await startTestServer();
  [patrol, dispatcher, hwc] = [await s.login('patrol_liexi'), await s.login('dispatcher'), await s.login('dept_hwc')];
  point = interiorPoint(s.ctx.ref.grids.find((g) => g.code === '35040400200801')!.polygon)!;
});
afterAll(() => s?.stop());

async function upload(cookie: string | undefined, bytes: Buffer, id: string = randomUUID(), type = 'image/jpeg') {
  const res = await fetch(`${s.url}/api/photos?id=${id}`, {
    method: 'POST',
    headers: { 'content-type': type, ...(cookie ? { cookie } : {}) },
    body: new Uint8Array(bytes),
  });
  return { status: res.status, body: await res.json(), id };
}
const photoCount = async () =>
  Number(
    (
      await s.store.db
        .selectFrom('photos')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('photos', () => {
  it('rejects a non-image renamed .jpg and an oversized file with a clear 400, storing nothing', async () => {
    const before = await photoCount();
    const text = await upload(patrol, Buffer.from('this is not a photo, just text named photo.jpg'));
    expect(text.status).toBe(400);
    expect(text.body).toMatchObject({ field: 'file' });
    expect(text.body.reason).toMatch(/not an image/);
    const big = Buffer.alloc(4 * 1024 * 1024 + 1, 0);
    big.set([0xff, 0xd8, 0xff], 0);
    const huge = await upload(patrol, big);
    expect(huge.status).toBe(400);
    expect(huge.body.reason).toContain('4194304');
    const enormous = await upload(patrol, Buffer.alloc(6 * 1024 * 1024, 0xff));
    expect(enormous.status).toBe(413);
    expect(await photoCount()).toBe(before);
    expect((await upload(undefined, PNG)).status).toBe(401);
    expect((await upload(patrol, PNG, 'nope')).body.field).toBe('id');
  });

  it('stores by content type, answers a retry with the same photo, and serves it only to those who may see its case', async () => {
    const first = await upload(patrol, PNG, randomUUID(), 'image/jpeg');
    expect(first.status).toBe(201);
    expect(first.body.photo).toMatchObject({ contentType: 'image/png', size: PNG.length });
    const again = await upload(patrol, PNG, first.id);
    expect(again.status).toBe(200);
    expect((await upload(dispatcher, PNG, first.id)).status).toBe(409);

    const id = randomUUID();
    const r = await s.api('POST', '/api/incidents', {
      cookie: patrol,
      body: { id, category: 'E0101', description: '带照片', lng: point[0], lat: point[1], source: 'patrol', photoIds: [first.id] },
    });
    expect(r.status).toBe(201);
    expect(r.body.incident.photos).toEqual([{ id: first.id, stage: 'report', at: r.body.incident.reportedAt }]);

    const get = (cookie?: string) => fetch(`${s.url}/api/photos/${first.id}`, { headers: cookie ? { cookie } : {} });
    const mine = await get(dispatcher);
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await mine.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await get(await s.login('dept_szj'))).status).toBe(404);
    expect((await get(await s.login('xubi_chief'))).status).toBe(404);
    expect((await get()).status).toBe(401);
  });

  it('feedback attaches the handler’s photos; someone else’s photo is refused and nothing changes', async () => {
    const id = randomUUID();
    await s.api('POST', '/api/incidents', {
      cookie: patrol,
      body: { id, category: 'E0101', description: '反馈照片', lng: point[0], lat: point[1], source: 'patrol' },
    });
    let v = 1;
    for (const [cookie, body] of [
      [dispatcher, { type: 'register' }],
      [dispatcher, { type: 'dispatch', leadDept: 'hwc' }],
      [hwc, { type: 'accept' }],
    ] as const) {
      const res = await s.api('POST', `/api/incidents/${id}/actions`, { cookie, body: { ...body, expectedVersion: v } });
      expect(res.status).toBe(200);
      v = res.body.incident.version;
    }
    const foreign = await upload(patrol, PNG);
    const refused = await s.api('POST', `/api/incidents/${id}/actions`, {
      cookie: hwc,
      body: { type: 'feedback', expectedVersion: v, note: '已清理', photoIds: [foreign.id] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.field).toBe('photoIds.0');
    const still = await s.api('GET', `/api/incidents/${id}`, { cookie: hwc });
    expect(still.body.incident).toMatchObject({ status: 'in_progress', version: v, photos: [] });

    const own = await upload(hwc, PNG);
    const ok = await s.api('POST', `/api/incidents/${id}/actions`, {
      cookie: hwc,
      body: { type: 'feedback', expectedVersion: v, note: '已清理', photoIds: [own.id] },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.incident.photos.map((p: any) => [p.id, p.stage])).toEqual([[own.id, 'feedback']]);
    expect((await fetch(`${s.url}/api/photos/${own.id}`, { headers: { cookie: await s.login('grid_xiaojiao') } })).status).toBe(200);
  });
});

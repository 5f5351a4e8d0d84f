import { describe, expect, it } from 'vitest';
import type { OutboxPayload } from './items.ts';
import { MemoryOutboxStore, Outbox, pickBatch, type SendResult } from './outbox.ts';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const report = (n: number, photoIds: string[] = []): OutboxPayload => ({
  kind: 'report',
  body: { id: uuid(n), category: 'E0101', description: 'x', lng: 117.6, lat: 26.24, source: 'patrol', photoIds },
});
const track = (patrolId: string, sec: number): OutboxPayload => ({
  kind: 'track',
  patrolId,
  points: [{ t: new Date(Date.UTC(2026, 11, 1, 1, 0, sec)).toISOString(), lng: 117.6, lat: 26.24 }],
});

/** A fake server: answers from a script, records what it got. */
function fakeServer(answer: (p: OutboxPayload) => SendResult = () => ({ ok: true })) {
  const got: OutboxPayload[] = [];
  let online = true;
  return {
    got,
    setOnline: (v: boolean) => (online = v),
    send: async (p: OutboxPayload): Promise<SendResult> => {
      if (!online) return { ok: false, status: 0, reason: 'Failed to fetch' };
      got.push(p);
      return answer(p);
    },
  };
}

function outbox(server: ReturnType<typeof fakeServer>, store = new MemoryOutboxStore()) {
  const box = new Outbox(store, server.send, { online: () => true, retryBaseMs: 60_000, trackIntervalMs: 3_600_000 });
  return { box, store };
}

describe('outbox', () => {
  it('sends in order, photos before their report, and empties only after the server answered', async () => {
    const server = fakeServer();
    const { box } = outbox(server);
    await box.start();
    server.setOnline(false);
    await box.enqueue([{ payload: { kind: 'photo', photoId: uuid(9) } }, { payload: report(1, [uuid(9)]), label: '暴露垃圾' }], {
      blobs: [{ id: uuid(9), blob: new Blob(['jpeg']) }],
    });
    await box.flush();
    expect(box.getView()).toMatchObject({ pending: 2, failed: 0 });
    expect(box.getView().items[0]!.lastError).toBe('Failed to fetch');
    server.setOnline(true);
    await box.flush();
    expect(server.got.map((p) => p.kind)).toEqual(['photo', 'report']);
    expect(box.getView().pending).toBe(0);
    box.stop();
  });

  it('keeps a refused item with its reason, drops a refused photo from its report, and goes on', async () => {
    const server = fakeServer((p) => (p.kind === 'photo' ? { ok: false, status: 400, reason: 'not an image' } : { ok: true }));
    const { box } = outbox(server);
    await box.start();
    await box.enqueue([{ payload: { kind: 'photo', photoId: uuid(8) } }, { payload: report(2, [uuid(8)]) }], {
      blobs: [{ id: uuid(8), blob: new Blob(['txt']) }],
    });
    await box.enqueue([{ payload: report(3) }]);
    await box.flush();
    const sent = server.got.filter((p) => p.kind === 'report');
    expect(sent.map((p) => (p.kind === 'report' ? [p.body.id, p.body.photoIds] : null))).toEqual([
      [uuid(2), []],
      [uuid(3), []],
    ]);
    expect(box.getView()).toMatchObject({ pending: 0, failed: 1 });
    expect(box.getView().items[0]!.failed).toEqual({ status: 400, reason: 'not an image' });
    await box.discard(box.getView().items[0]!.seq!);
    expect(box.getView().items).toEqual([]);
    box.stop();
  });

  it('sends consecutive track points of a patrol as one batch, after the patrol start', async () => {
    const server = fakeServer();
    const { box, store } = outbox(server);
    const p = uuid(50);
    await store.add(
      [
        { kind: 'patrol_start', body: { id: p, at: '2026-12-01T01:00:00Z' } } as OutboxPayload,
        track(p, 1),
        track(p, 2),
        track(p, 3),
        report(4),
        track(p, 4),
      ].map((payload) => ({ group: 'g', createdAt: 0, attempts: 0, failed: null, lastError: null, label: '', payload })),
      [],
    );
    await box.start();
    await box.flush();
    expect(server.got.map((x) => (x.kind === 'track' ? `track×${x.points.length}` : x.kind))).toEqual([
      'patrol_start',
      'track×3',
      'report',
      'track×1',
    ]);
    box.stop();
  });

  it('treats 401 as "sign in again" and keeps the queue', async () => {
    let unauthorized = 0;
    const server = fakeServer(() => ({ ok: false, status: 401, reason: 'sign in first' }));
    const box = new Outbox(new MemoryOutboxStore(), server.send, {
      online: () => true,
      onUnauthorized: () => unauthorized++,
      trackIntervalMs: 3_600_000,
    });
    await box.start();
    await box.enqueue([{ payload: report(5) }]);
    await box.flush();
    expect(unauthorized).toBeGreaterThan(0);
    expect(box.getView()).toMatchObject({ pending: 1, failed: 0 });
    box.stop();
  });

  it('tells each outcome as it happens (no answer, the answer to an accepted report)', async () => {
    const outcomes: [string, boolean, unknown][] = [];
    const server = fakeServer((p) => ({ ok: true, body: p.kind === 'report' ? { incident: { id: p.body.id } } : undefined }));
    const box = new Outbox(new MemoryOutboxStore(), server.send, {
      online: () => true,
      retryBaseMs: 60_000,
      trackIntervalMs: 3_600_000,
      onResult: (p, r) => outcomes.push([p.kind, r.ok, r.ok ? r.body : r.status]),
    });
    await box.start();
    server.setOnline(false);
    await box.enqueue([{ payload: { kind: 'photo', photoId: uuid(7) } }, { payload: report(6, [uuid(7)]) }], {
      blobs: [{ id: uuid(7), blob: new Blob(['jpeg']) }],
    });
    await box.flush();
    expect(outcomes).toEqual([['photo', false, 0]]);
    server.setOnline(true);
    await box.flush();
    expect(outcomes.slice(1)).toEqual([
      ['photo', true, undefined],
      ['report', true, { incident: { id: uuid(6) } }],
    ]);

    box.stop();
  });

  it('limits a track batch to the server maximum', () => {
    const items = Array.from({ length: 3 }, (_, i) => ({
      seq: i + 1,
      group: 'g',
      createdAt: 0,
      attempts: 0,
      failed: null,
      lastError: null,
      label: '',
      payload: {
        kind: 'track',
        patrolId: 'p',
        points: Array.from({ length: 200 }, (_, k) => ({ t: new Date(i * 1e6 + k * 1000).toISOString(), lng: 0, lat: 0 })),
      } as OutboxPayload,
    }));
    const b = pickBatch(items)!;
    expect(b.batch.map((i) => i.seq)).toEqual([1, 2]);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentEvent, NewIncidentEvent } from '@streetchief/shared';
import { incidentFixture } from '@streetchief/shared/testing/incidentFixture';
import { appendEvents, eventsAfter, headSeq } from '../store/eventLog.ts';
import { Store } from '../store/store.ts';
import { waitFor } from '../testing/liveClient.ts';
import { EventTail } from './eventTail.ts';

const event = (n: number): NewIncidentEvent => ({
  type: 'incident',
  kind: 'report',
  at: '2026-11-29T01:00:00.000Z',
  actor: { id: 'u', role: 'patrol', name: '巡查' },
  reason: null,
  incident: incidentFixture({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` }),
  formerDepts: [],
});

let dir: string;
let store: Store;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'streetchief-tail-'));
  store = await Store.open({ dialect: 'sqlite', file: path.join(dir, 'tail.sqlite') });
});
afterAll(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function tailOf(delivered: number[], marks: number[] = []) {
  return EventTail.start({
    readAfter: (after, limit) => eventsAfter(store.db, after, limit),
    readHead: () => headSeq(store.db),
    deliver: (events) => delivered.push(...events.map((e) => e.seq)),
    heartbeat: (seq) => marks.push(seq),
    log: pino({ level: 'silent' }),
    pollMs: 50,
    heartbeatMs: 50,
  });
}

const append = (n: number): Promise<IncidentEvent[]> =>
  store.transaction((trx) =>
    appendEvents(
      trx,
      Array.from({ length: n }, (_, i) => event(i + 1)),
    ),
  );

describe('EventTail', () => {
  it('delivers hand-offs in any order strictly in sequence, reading only the hole', async () => {
    const delivered: number[] = [];
    const tail = await tailOf(delivered);
    const start = tail.position;
    const events = await append(6);
    // Commits answer out of order: the fourth and sixth are handed over first, the rest never.
    tail.offer([events[3]!, events[5]!]);
    tail.offer([events[3]!]);
    await waitFor(() => tail.position === start + 6);
    tail.stop();
    expect(delivered).toEqual(events.map((e) => e.seq));
    expect(tail.stats).toMatchObject({ handed: 2, read: 4 });
  });

  it('finds what another process appended by the head poll, and marks the cursor once per move', async () => {
    const delivered: number[] = [];
    const marks: number[] = [];
    const tail = await tailOf(delivered, marks);
    const events = await append(3); // as if written by the CLI: nothing is handed over
    await waitFor(() => tail.position === events[2]!.seq);
    await waitFor(() => marks.length > 0);
    await new Promise((r) => setTimeout(r, 200));
    tail.stop();
    expect(delivered).toEqual(events.map((e) => e.seq));
    expect(marks).toEqual([events[2]!.seq]);
  });
});

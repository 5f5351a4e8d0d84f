import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewIncidentEvent } from '@streetchief/shared';
import { incidentFixture } from '@streetchief/shared/testing/incidentFixture';
import { dropSchema } from '../store/connect.ts';
import { appendEvents, eventChannel, headSeq } from '../store/eventLog.ts';
import { Store } from '../store/store.ts';
import { waitFor } from '../testing/liveClient.ts';
import { postgresAvailable, TEST_DATABASE_URL, uniqueSchema } from '../testing/services.ts';
import { CommitListener } from './commitListener.ts';

const up = await postgresAvailable();

const event: NewIncidentEvent = {
  type: 'incident',
  kind: 'report',
  at: '2026-11-29T01:00:00.000Z',
  actor: { id: 'u', role: 'patrol', name: '巡查' },
  reason: null,
  incident: incidentFixture(),
  formerDepts: [],
};

describe.skipIf(!up)('commit notifications on PostgreSQL (skipped only outside CI when it is unreachable)', () => {
  const schemas = [uniqueSchema('sc_notify'), uniqueSchema('sc_notify')];
  let stores: Store[];
  beforeAll(async () => {
    stores = await Promise.all(schemas.map((schema) => Store.open({ dialect: 'postgres', url: TEST_DATABASE_URL, schema })));
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    for (const s of schemas) await dropSchema(TEST_DATABASE_URL, s);
  });

  it('a commit wakes the listeners of its own schema with its head; a rollback and another schema wake nobody', async () => {
    const heard: number[][] = [[], []];
    const listeners = await Promise.all(
      stores.map(async (store, i) =>
        CommitListener.start({
          url: TEST_DATABASE_URL,
          channel: await eventChannel(store.db),
          onCommit: (seq) => heard[i]!.push(seq),
          onListening: () => {},
          log: pino({ level: 'silent' }),
        }),
      ),
    );
    const [mine] = stores as [Store, Store];
    await expect(
      mine.transaction(async (trx) => {
        await appendEvents(trx, [event]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const before = await headSeq(mine.db);
    await mine.transaction((trx) => appendEvents(trx, [event, event, event]));
    await mine.transaction((trx) => appendEvents(trx, [event]));
    await waitFor(() => heard[0]!.length === 2);
    // The other schema's listener is still connected and hears its own log.
    await stores[1]!.transaction((trx) => appendEvents(trx, [event]));
    await waitFor(() => heard[1]!.length === 1);
    await Promise.all(listeners.map((l) => l.stop()));
    expect(heard).toEqual([[before + 3, before + 4], [await headSeq(stores[1]!.db)]]);
  });
});

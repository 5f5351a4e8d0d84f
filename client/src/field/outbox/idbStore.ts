import type { OutboxItem } from './items.ts';
import type { OutboxStore } from './outbox.ts';
import { req, STORES, tx } from './idb.ts';

/** The outbox in IndexedDB: survives a reload, a closed browser and a phone restart. */
export class IdbOutboxStore implements OutboxStore {
  all(): Promise<OutboxItem[]> {
    return tx([STORES.outbox], 'readonly', (t) => req(t.objectStore(STORES.outbox).getAll() as IDBRequest<OutboxItem[]>));
  }

  add(items: OutboxItem[], blobs: { id: string; blob: Blob }[]): Promise<void> {
    return tx([STORES.outbox, STORES.blobs], 'readwrite', (t) => {
      for (const b of blobs) t.objectStore(STORES.blobs).put(b.blob, b.id);
      for (const i of items) t.objectStore(STORES.outbox).add(i);
    });
  }

  remove(seqs: number[], blobIds: string[]): Promise<void> {
    return tx([STORES.outbox, STORES.blobs], 'readwrite', (t) => {
      for (const s of seqs) t.objectStore(STORES.outbox).delete(s);
      for (const id of blobIds) t.objectStore(STORES.blobs).delete(id);
    });
  }

  update(items: OutboxItem[]): Promise<void> {
    return tx([STORES.outbox], 'readwrite', (t) => {
      for (const i of items) t.objectStore(STORES.outbox).put(i);
    });
  }

  blob(id: string): Promise<Blob | undefined> {
    return tx([STORES.blobs], 'readonly', (t) => req(t.objectStore(STORES.blobs).get(id) as IDBRequest<Blob | undefined>));
  }
}

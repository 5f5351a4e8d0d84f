/**
 * A few promises over IndexedDB, enough for the field app: the outbox (what waits to be sent, in
 * order), photo blobs (kept apart so listing the outbox never loads images) and a key-value store
 * (the signed-in user, reference data, the running patrol, today's track). No library: the API
 * surface used here is small and stable.
 */

const DB_NAME = 'streetchief-field';
const DB_VERSION = 1;
export const STORES = { outbox: 'outbox', blobs: 'blobs', kv: 'kv' } as const;
type StoreName = (typeof STORES)[keyof typeof STORES];

let opening: Promise<IDBDatabase> | null = null;

function promisify<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** The database, opened (and created or upgraded) once per page. */
export function openDb(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      // `seq` is assigned by IndexedDB in insertion order: the order items are sent in.
      if (!db.objectStoreNames.contains(STORES.outbox)) db.createObjectStore(STORES.outbox, { keyPath: 'seq', autoIncrement: true });
      if (!db.objectStoreNames.contains(STORES.blobs)) db.createObjectStore(STORES.blobs);
      if (!db.objectStoreNames.contains(STORES.kv)) db.createObjectStore(STORES.kv);
    };
    req.onsuccess = () => {
      const db = req.result;
      // Another tab upgrading the schema: step aside so it can.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    req.onerror = () => {
      opening = null;
      reject(req.error);
    };
  });
  return opening;
}

/** Runs `fn` in one transaction and resolves once it has committed (durably written). */
export async function tx<T>(stores: StoreName[], mode: IDBTransactionMode, fn: (t: IDBTransaction) => Promise<T> | T): Promise<T> {
  const db = await openDb();
  const t = db.transaction(stores, mode, { durability: 'strict' });
  const done = new Promise<void>((resolve, reject) => {
    t.oncomplete = () => resolve();
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error ?? new Error('transaction aborted'));
  });
  const result = await fn(t);
  await done;
  return result;
}

export const req = promisify;

export async function kvGet<T>(key: string): Promise<T | undefined> {
  return tx([STORES.kv], 'readonly', (t) => promisify(t.objectStore(STORES.kv).get(key) as IDBRequest<T | undefined>));
}

export async function kvSet(key: string, value: unknown): Promise<void> {
  await tx([STORES.kv], 'readwrite', (t) => promisify(t.objectStore(STORES.kv).put(value, key)));
}

export async function kvDelete(key: string): Promise<void> {
  await tx([STORES.kv], 'readwrite', (t) => promisify(t.objectStore(STORES.kv).delete(key)));
}

/**
 * Forgets everything the field app keeps on this phone (the queue, photos, the signed-in user,
 * the running patrol, cached cases), in one transaction: signing out, so the next account on the
 * phone neither sees nor sends any of it.
 */
export async function clearFieldData(): Promise<void> {
  await tx([STORES.outbox, STORES.blobs, STORES.kv], 'readwrite', (t) => {
    for (const name of [STORES.outbox, STORES.blobs, STORES.kv]) t.objectStore(name).clear();
  });
}

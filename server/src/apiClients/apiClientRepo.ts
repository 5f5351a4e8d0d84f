import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Executor } from '../store/store.ts';

/**
 * Client systems with an API key (Open311 clients now, hotline systems next). The key is 32
 * random bytes shown once when issued; only its SHA-256 is stored, so a leaked database leaks no
 * working key (a key this long needs no slow hash: nobody guesses 256 bits).
 */

export const API_CLIENT_KINDS = ['open311'] as const;
export type ApiClientKind = (typeof API_CLIENT_KINDS)[number];

export interface ApiClient {
  id: string;
  kind: ApiClientKind;
  name: string;
  createdAt: string;
  revokedAt: string | null;
}

const keyHash = (key: string) => createHash('sha256').update(key).digest('base64url');

type Row = { id: string; kind: string; name: string; created_at: string; revoked_at: string | null };
const clientOf = (r: Row): ApiClient => ({
  id: r.id,
  kind: r.kind as ApiClientKind,
  name: r.name,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

/** Issue a key for a new client; returns the client and the key (the only time it is seen). */
export async function issueApiClient(
  ex: Executor,
  kind: ApiClientKind,
  name: string,
  now: Date,
): Promise<{ client: ApiClient; key: string }> {
  const key = `sc_${kind}_${randomBytes(32).toString('base64url')}`;
  const row = { id: randomUUID(), kind, name, key_hash: keyHash(key), created_at: now.toISOString(), revoked_at: null };
  await ex.insertInto('api_clients').values(row).execute();
  return { client: clientOf(row), key };
}

/** The live client a key belongs to, of this kind; null for an unknown, revoked or other-kind key. */
export async function clientByKey(ex: Executor, kind: ApiClientKind, key: string): Promise<ApiClient | null> {
  const row = await ex
    .selectFrom('api_clients')
    .select(['id', 'kind', 'name', 'created_at', 'revoked_at'])
    .where('key_hash', '=', keyHash(key))
    .where('kind', '=', kind)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? clientOf(row) : null;
}

export async function listApiClients(ex: Executor): Promise<ApiClient[]> {
  const rows = await ex
    .selectFrom('api_clients')
    .select(['id', 'kind', 'name', 'created_at', 'revoked_at'])
    .orderBy('created_at')
    .execute();
  return rows.map(clientOf);
}

/** Revoke a key at once; false when no live client has this id. */
export async function revokeApiClient(ex: Executor, id: string, now: Date): Promise<boolean> {
  const r = await ex
    .updateTable('api_clients')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

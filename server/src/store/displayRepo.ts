import type { Selectable } from 'kysely';
import type { DisplayDevice } from '@streetchief/shared/admin/index';
import type { Executor } from './store.ts';
import type { DB } from './schema.ts';

type DisplayRow = Selectable<DB['display_devices']>;

/** A display as the administrator sees it; its status follows from its times at `now`. */
function toDisplay(r: DisplayRow, now: Date): DisplayDevice {
  const status = r.revoked_at ? 'revoked' : r.enrolled_at ? 'active' : r.enroll_expires_at <= now.toISOString() ? 'expired' : 'pending';
  return {
    id: r.id,
    name: r.name,
    status,
    createdAt: r.created_at,
    createdBy: { id: r.created_by, name: r.created_by_name },
    enrollmentExpiresAt: r.enroll_expires_at,
    enrolledAt: r.enrolled_at,
    lastSeenAt: r.last_seen_at,
    revokedAt: r.revoked_at,
  };
}

export interface NewDisplay {
  id: string;
  name: string;
  /** Hash of the enrollment code (the code itself is never stored). */
  tokenHash: string;
  enrollExpiresAt: Date;
  createdBy: { id: string; name: string };
  now: Date;
}

export async function insertDisplay(ex: Executor, d: NewDisplay): Promise<DisplayDevice> {
  const row: DisplayRow = {
    id: d.id,
    name: d.name,
    token_hash: d.tokenHash,
    enroll_expires_at: d.enrollExpiresAt.toISOString(),
    created_by: d.createdBy.id,
    created_by_name: d.createdBy.name,
    created_at: d.now.toISOString(),
    enrolled_at: null,
    last_seen_at: null,
    revoked_at: null,
  };
  await ex.insertInto('display_devices').values(row).execute();
  return toDisplay(row, d.now);
}

export async function findDisplay(ex: Executor, id: string, now: Date): Promise<DisplayDevice | null> {
  const r = await ex.selectFrom('display_devices').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toDisplay(r, now) : null;
}

/** Every display, newest first. */
export async function listDisplays(ex: Executor, now: Date): Promise<DisplayDevice[]> {
  const rows = await ex.selectFrom('display_devices').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map((r) => toDisplay(r, now));
}

/**
 * Use an enrollment code: the display whose unexpired, unused code hashes to `tokenHash`, marked
 * enrolled and its code cleared in one statement, so two pages racing with the same code cannot
 * both win. Null when no display has that code (unknown, used, expired or revoked).
 */
export async function consumeEnrollment(ex: Executor, tokenHash: string, now: Date): Promise<DisplayDevice | null> {
  const at = now.toISOString();
  const r = await ex
    .updateTable('display_devices')
    .set({ token_hash: null, enrolled_at: at, last_seen_at: at })
    .where('token_hash', '=', tokenHash)
    .where('enrolled_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('enroll_expires_at', '>', at)
    .returningAll()
    .executeTakeFirst();
  return r ? toDisplay(r, now) : null;
}

/** Revoke a display (its code stops working too); the display afterwards, or null when it was already revoked or is unknown. */
export async function revokeDisplay(ex: Executor, id: string, now: Date): Promise<DisplayDevice | null> {
  const r = await ex
    .updateTable('display_devices')
    .set({ revoked_at: now.toISOString(), token_hash: null })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return r ? toDisplay(r, now) : null;
}

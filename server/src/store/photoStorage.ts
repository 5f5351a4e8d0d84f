import type { Executor } from './store.ts';

export interface PhotoMeta {
  id: string;
  uploaderId: string;
  incidentId: string | null;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: string;
}

/**
 * Where photo bytes live. The database is the default (one backup, one transaction); a site with
 * an object store implements the same interface.
 */
export interface PhotoStorage {
  put(ex: Executor, meta: PhotoMeta, bytes: Buffer): Promise<void>;
  meta(ex: Executor, id: string): Promise<PhotoMeta | null>;
  bytes(ex: Executor, id: string): Promise<Buffer | null>;
  /** Attach to a case; false if the photo is missing, someone else's or already attached elsewhere. */
  attach(ex: Executor, id: string, uploaderId: string, incidentId: string): Promise<boolean>;
  /** Photos (and their bytes) the user uploaded from `since` (ISO time) on, attached or not: the daily quota. */
  usage(ex: Executor, uploaderId: string, since: string): Promise<{ count: number; bytes: number }>;
  /**
   * Delete up to `limit` photos never attached to a case and uploaded before `before` (ISO
   * time); what was deleted. A photo attached meanwhile is kept: the attach and the delete each
   * test `incident_id` in their own statement.
   */
  deleteUnattachedBefore(ex: Executor, before: string, limit: number): Promise<{ count: number; bytes: number }>;
}

export class DatabasePhotoStorage implements PhotoStorage {
  async put(ex: Executor, m: PhotoMeta, bytes: Buffer): Promise<void> {
    await ex
      .insertInto('photos')
      .values({
        id: m.id,
        uploader_id: m.uploaderId,
        incident_id: m.incidentId,
        content_type: m.contentType,
        size: m.size,
        sha256: m.sha256,
        created_at: m.createdAt,
        bytes,
      })
      .execute();
  }

  async meta(ex: Executor, id: string): Promise<PhotoMeta | null> {
    const r = await ex
      .selectFrom('photos')
      .select(['id', 'uploader_id', 'incident_id', 'content_type', 'size', 'sha256', 'created_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    return r
      ? {
          id: r.id,
          uploaderId: r.uploader_id,
          incidentId: r.incident_id,
          contentType: r.content_type,
          size: Number(r.size),
          sha256: r.sha256,
          createdAt: r.created_at,
        }
      : null;
  }

  async bytes(ex: Executor, id: string): Promise<Buffer | null> {
    const r = await ex.selectFrom('photos').select('bytes').where('id', '=', id).executeTakeFirst();
    return r ? Buffer.from(r.bytes) : null;
  }

  async attach(ex: Executor, id: string, uploaderId: string, incidentId: string): Promise<boolean> {
    const res = await ex
      .updateTable('photos')
      .set({ incident_id: incidentId })
      .where('id', '=', id)
      .where('uploader_id', '=', uploaderId)
      .where((eb) => eb.or([eb('incident_id', 'is', null), eb('incident_id', '=', incidentId)]))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async usage(ex: Executor, uploaderId: string, since: string): Promise<{ count: number; bytes: number }> {
    // Served by the (uploader_id, created_at) index; created_at is ISO UTC, so text order is time order.
    const r = await ex
      .selectFrom('photos')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum('size').as('bytes')])
      .where('uploader_id', '=', uploaderId)
      .where('created_at', '>=', since)
      .executeTakeFirst();
    return { count: Number(r?.n ?? 0), bytes: Number(r?.bytes ?? 0) };
  }

  async deleteUnattachedBefore(ex: Executor, before: string, limit: number): Promise<{ count: number; bytes: number }> {
    const old = await ex
      .selectFrom('photos')
      .select(['id', 'size'])
      .where('incident_id', 'is', null)
      .where('created_at', '<', before)
      .orderBy('created_at')
      .limit(limit)
      .execute();
    if (!old.length) return { count: 0, bytes: 0 };
    const gone = await ex
      .deleteFrom('photos')
      .where(
        'id',
        'in',
        old.map((p) => p.id),
      )
      .where('incident_id', 'is', null)
      .returning(['size'])
      .execute();
    return { count: gone.length, bytes: gone.reduce((n, p) => n + Number(p.size), 0) };
  }
}

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
}

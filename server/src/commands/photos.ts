import { createHash } from 'node:crypto';
import type { User } from '@streetchief/shared';
import { badRequest, conflict } from '../http/errors.ts';
import type { PhotoMeta } from '../store/photoStorage.ts';
import type { Executor } from '../store/store.ts';
import type { CommandContext } from './context.ts';

/** Largest photo accepted. Phones resize to ≤ 1600 px JPEG first, which is well under this. */
export const MAX_PHOTO_BYTES = 4 * 1024 * 1024;

/** The image type from the first bytes (never from the file name or the declared type). */
export function sniffImage(b: Buffer): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/**
 * Store an uploaded photo under the client's id. The same id sent again by the same user returns
 * the stored photo (a retry after a lost answer); nothing is written for a rejected upload.
 */
export async function uploadPhoto(
  ctx: CommandContext,
  props: { user: User; id: string; bytes: Buffer },
): Promise<{ photo: PhotoMeta; created: boolean }> {
  const { user, id, bytes } = props;
  if (bytes.length === 0) throw badRequest('file', 'empty upload: send the image bytes as the body');
  if (bytes.length > MAX_PHOTO_BYTES)
    throw badRequest('file', `photo is ${bytes.length} bytes; the limit is ${MAX_PHOTO_BYTES} bytes (4 MiB)`);
  const contentType = sniffImage(bytes);
  if (!contentType) throw badRequest('file', 'not an image: JPEG, PNG or WebP expected (checked by content, not by name)');
  const existing = await ctx.photos.meta(ctx.store.db, id);
  if (existing) {
    if (existing.uploaderId !== user.id) throw conflict('this photo id is taken');
    return { photo: existing, created: false };
  }
  const photo: PhotoMeta = {
    id,
    uploaderId: user.id,
    incidentId: null,
    contentType,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    createdAt: ctx.now().toISOString(),
  };
  await ctx.store.transaction((trx) => ctx.photos.put(trx, photo, bytes));
  return { photo, created: true };
}

/** Attach uploaded photos to a case inside the command's transaction, or refuse the whole step. */
export async function attachPhotos(
  ctx: CommandContext,
  trx: Executor,
  user: User,
  incidentId: string,
  ids: readonly string[],
): Promise<void> {
  for (const [i, id] of ids.entries()) {
    if (!(await ctx.photos.attach(trx, id, user.id, incidentId))) {
      throw badRequest(`photoIds.${i}`, `photo ${id} was not uploaded by you, or belongs to another case`);
    }
  }
}

import { createHash } from 'node:crypto';
import { mayUploadPhotos, type User } from '@streetchief/shared';
import { dayBounds, dayOf } from '@streetchief/shared/calendar/day';
import { badRequest, conflict, forbidden, HttpError } from '../http/errors.ts';
import type { PhotoMeta } from '../store/photoStorage.ts';
import type { Executor } from '../store/store.ts';
import type { CommandContext } from './context.ts';

/** Largest photo accepted. Phones resize to ≤ 1600 px JPEG first, which is well under this. */
export const MAX_PHOTO_BYTES = 4 * 1024 * 1024;

/**
 * Declared types an upload may carry: the three image formats stored, and a bare byte stream (the
 * apps send `application/octet-stream` for a file the browser gives no type). Never the types an
 * HTML form or a no-cors fetch from another site can send (text/plain, multipart/form-data,
 * urlencoded): a cross-site page then cannot make a signed-in browser store bytes, because any
 * other type needs a CORS preflight that this server never grants. The bytes are still checked by
 * content.
 */
export const UPLOAD_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/octet-stream'] as const;

/** How much one user may upload per calendar day (district time). */
export interface PhotoQuota {
  photos: number;
  bytes: number;
}

/**
 * The daily upload allowance per user. A busy patrol files some 40 reports and checks a day with
 * up to 3 photos each; resized to 1600 px, a photo is 0.2–0.8 MB, so 200 photos is about twice
 * a heavy day and 300 MiB leaves room for originals a phone could not resize. It caps what one
 * account (or a stolen session) can add to the database in a day.
 */
export const DAILY_PHOTO_QUOTA: PhotoQuota = { photos: 200, bytes: 300 * 1024 * 1024 };

/** The command context, with an optional quota in place of the default (tests use a small one). */
export type PhotoContext = CommandContext & { photoQuota?: PhotoQuota };

/** A 429 for an exhausted daily allowance; `retryAfterSeconds` runs to the next district day. */
export class QuotaExceeded extends HttpError {
  constructor(
    reason: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, { error: 'quota_exceeded', reason, retryAfterSeconds });
  }
}

/** The image type from the first bytes (never from the file name or the declared type). */
export function sniffImage(b: Buffer): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/** Is the declared `content-type` one an upload may carry? (Parameters such as `; charset` are ignored.) */
export function isUploadContentType(header: string | undefined): boolean {
  return (UPLOAD_CONTENT_TYPES as readonly string[]).includes(mediaType(header));
}

const mediaType = (header: string | undefined) => (header ?? '').split(';')[0]!.trim().toLowerCase();

/** 415 naming `content-type` unless the declared type is one an upload may carry. */
export function checkUploadType(header: string | undefined): void {
  if (isUploadContentType(header)) return;
  throw new HttpError(415, {
    error: 'unsupported_media_type',
    field: 'content-type',
    reason: `content-type ${mediaType(header) || '(none)'} is not accepted: send the image bytes as ${UPLOAD_CONTENT_TYPES.join(', ')}`,
  });
}

/** 403 unless the user's role attaches photos to some step (see `mayUploadPhotos`). */
export function assertMayUpload(user: User): void {
  if (!mayUploadPhotos(user.role)) throw forbidden(`role ${user.role} attaches no photos to any step, so may not upload them`);
}

/**
 * The day's allowance, checked before the body is read against its declared length (429), so a
 * refused upload costs no 4 MiB read. A retry of a photo already stored passes: it adds nothing.
 */
export async function checkUploadQuota(ctx: PhotoContext, user: User, id: string, declaredBytes: number): Promise<void> {
  const existing = await ctx.photos.meta(ctx.store.db, id);
  if (existing?.uploaderId === user.id) return;
  await checkQuota(ctx, ctx.store.db, user, declaredBytes);
}

/** 429 if one more photo of `bytes` would pass the user's allowance for today. */
async function checkQuota(ctx: PhotoContext, ex: Executor, user: User, bytes: number): Promise<void> {
  const quota = ctx.photoQuota ?? DAILY_PHOTO_QUOTA;
  const now = ctx.now();
  const { start, end } = dayBounds(dayOf(now));
  const used = await ctx.photos.usage(ex, user.id, new Date(start).toISOString());
  const retry = Math.max(1, Math.ceil((end - now.getTime()) / 1000));
  if (used.count + 1 > quota.photos)
    throw new QuotaExceeded(`daily limit reached: ${quota.photos} photos per user per day; try again tomorrow`, retry);
  if (used.bytes + bytes > quota.bytes)
    throw new QuotaExceeded(
      `daily limit reached: ${quota.bytes} bytes of photos per user per day (${used.bytes} used today); try again tomorrow`,
      retry,
    );
}

/**
 * Store an uploaded photo under the client's id. The same id sent again by the same user returns
 * the stored photo (a retry after a lost answer); nothing is written for a rejected upload.
 */
export async function uploadPhoto(
  ctx: PhotoContext,
  props: { user: User; id: string; bytes: Buffer },
): Promise<{ photo: PhotoMeta; created: boolean }> {
  const { user, id, bytes } = props;
  assertMayUpload(user);
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
  // Counted again with the real size in the writing transaction: the early check saw only the
  // declared length. Two uploads racing on separate PostgreSQL connections may both pass; the
  // allowance is then exceeded by at most the uploads in flight, which is as far as it matters.
  await ctx.store.transaction(async (trx) => {
    await checkQuota(ctx, trx, user, bytes.length);
    await ctx.photos.put(trx, photo, bytes);
  });
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

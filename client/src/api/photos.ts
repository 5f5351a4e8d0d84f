import { z } from 'zod';
import { requestJson } from './http.ts';

const UploadAnswerSchema = z.object({ photo: z.object({ id: z.string(), contentType: z.string(), size: z.number() }) });

export type UploadedPhoto = z.infer<typeof UploadAnswerSchema>['photo'];

/**
 * Uploads one photo under a client-made id (a retry with the same id is not a second photo).
 * The server checks type and size by content and answers 400 `{field: 'file', reason}` when it
 * refuses; `HttpError.body.reason` carries that reason.
 */
export async function uploadPhoto(id: string, bytes: Blob): Promise<UploadedPhoto> {
  const answer = await requestJson(`/api/photos?id=${encodeURIComponent(id)}`, {
    method: 'POST',
    body: bytes,
    headers: { 'Content-Type': bytes.type || 'application/octet-stream' },
  });
  return UploadAnswerSchema.parse(answer).photo;
}

/** Where a stored photo is served (to users allowed to see its case). */
export function photoUrl(id: string): string {
  return `/api/photos/${encodeURIComponent(id)}`;
}

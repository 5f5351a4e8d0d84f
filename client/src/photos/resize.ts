/** Longest side of an uploaded photo, px: enough to judge a street scene, small enough for bad signal. */
export const MAX_PHOTO_SIDE = 1600;
export const PHOTO_JPEG_QUALITY = 0.85;

/** The size a `width`×`height` image is scaled to so its longest side is at most `max` (never enlarged). */
export function fitWithin(width: number, height: number, max: number = MAX_PHOTO_SIDE): { width: number; height: number } {
  const longest = Math.max(width, height);
  if (longest <= max || longest === 0) return { width, height };
  const k = max / longest;
  return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)) };
}

/**
 * Re-encodes a picture as JPEG with its longest side ≤ 1600 px. Drawing it on a canvas drops every
 * piece of metadata (EXIF GPS, camera serials) and applies the EXIF orientation first. Resolves
 * `null` when the browser cannot decode the file as an image: the caller then sends the original,
 * so the server's own check gives the user its reason.
 */
export async function resizePhoto(file: Blob, max: number = MAX_PHOTO_SIDE, quality: number = PHOTO_JPEG_QUALITY): Promise<Blob | null> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return null;
  }
  try {
    const { width, height } = fitWithin(bitmap.width, bitmap.height, max);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    // JPEG has no alpha: a transparent PNG would turn black without a white ground.
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(bitmap, 0, 0, width, height);
    return await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
  } finally {
    bitmap.close();
  }
}

/**
 * A random UUID v4. `crypto.randomUUID` exists only in secure contexts (HTTPS or localhost); a
 * desk opened over plain HTTP on the office LAN still has `getRandomValues`.
 */
export function newUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

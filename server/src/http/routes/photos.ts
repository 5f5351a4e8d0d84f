import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { canSee } from '@streetchief/shared';
import {
  assertMayUpload,
  checkUploadQuota,
  checkUploadType,
  isUploadContentType,
  MAX_PHOTO_BYTES,
  QuotaExceeded,
  uploadPhoto,
  type PhotoContext,
} from '../../commands/photos.ts';
import { getIncident } from '../../store/incidentRepo.ts';
import { badRequest, notFound, parseOr400 } from '../errors.ts';
import { requireUser } from '../auth.ts';
import { IdParamSchema } from '../routeSchemas.ts';

/**
 * Upload a photo (raw bytes, client-made id) and serve it to those who may see its case. An
 * upload is refused before its body is read when the user's role attaches no photos (403), the
 * id is malformed (400), the declared type is no image (415) or the day's allowance is used (429).
 */
export function photoRoutes(ctx: PhotoContext): Router {
  const r = Router();
  // Read a little past the limit so an oversized upload gets our 400 with the limit, not a bare 413.
  const raw = express.raw({ type: (req) => isUploadContentType(req.headers['content-type']), limit: MAX_PHOTO_BYTES + 1024 });
  r.post(
    '/api/photos',
    async (req, _res, next) => {
      const user = requireUser(req);
      assertMayUpload(user);
      const { id } = parseOr400(IdParamSchema, req.query);
      checkUploadType(req.headers['content-type']);
      const declared = Number(req.headers['content-length']);
      await checkUploadQuota(ctx, user, id, Number.isFinite(declared) && declared > 0 ? declared : 0);
      next();
    },
    raw,
    async (req, res) => {
      const user = requireUser(req);
      const { id } = parseOr400(IdParamSchema, req.query);
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const { photo, created } = await uploadPhoto(ctx, { user, id, bytes });
      res.status(created ? 201 : 200).json({ photo: { id: photo.id, contentType: photo.contentType, size: photo.size } });
    },
  );
  r.get('/api/photos/:id', async (req, res) => {
    const user = requireUser(req);
    const { id } = parseOr400(IdParamSchema, req.params);
    const meta = await ctx.photos.meta(ctx.store.db, id);
    const incident = meta?.incidentId ? await getIncident(ctx.store.db, meta.incidentId) : null;
    const allowed = meta && (meta.uploaderId === user.id || (incident && canSee(user, incident)));
    if (!meta || !allowed) throw notFound(`no photo ${id}`);
    const bytes = await ctx.photos.bytes(ctx.store.db, id);
    if (!bytes) throw notFound(`no photo ${id}`);
    res.setHeader('Cache-Control', 'private, max-age=86400, immutable');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.type(meta.contentType).send(bytes);
  });
  r.use('/api/photos', () => {
    throw badRequest('file', 'use POST /api/photos?id=<uuid> with the image bytes as the body');
  });
  // A client told to come back tomorrow is told when, in the header clients and proxies read.
  r.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (err instanceof QuotaExceeded) res.setHeader('Retry-After', String(err.retryAfterSeconds));
    next(err);
  });
  return r;
}

import express, { Router, type ErrorRequestHandler, type NextFunction, type Request, type Response } from 'express';
import { actorOfUser } from '../../admin/adminEnv.ts';
import type { Sessions } from '../../auth/sessions.ts';
import type { CommandContext } from '../../commands/context.ts';
import { loadCoverage } from '../../onboarding/coverage.ts';
import { IMPORT_KINDS, MAX_IMPORT_BYTES, runImport, type ImportKind } from '../../onboarding/runImport.ts';
import { Reference } from '../../reference.ts';
import { requireAdmin, resolveUser } from '../auth.ts';
import { badRequest, HttpError, notFound, parseOr400 } from '../errors.ts';
import { ImportQuerySchema } from '../routeSchemas.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Content types accepted per import. The file's content decides how it is read (an XLSX is a ZIP);
 * the type only has to be plausible. Browsers on Windows label .csv files application/vnd.ms-excel.
 */
const TYPES: Record<'map' | 'table', readonly string[]> = {
  map: ['application/geo+json', 'application/json', 'application/octet-stream'],
  table: ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel', XLSX, 'application/octet-stream'],
};

/**
 * Reference-data imports and the coverage report for administrators. Mounted before the app's JSON
 * parser: an import's body is the file itself, raw, up to 20 MiB, and is read only after the
 * caller is known to be an administrator.
 */
export function adminImportRoutes(ctx: CommandContext, sessions: Sessions): Router {
  const r = Router();
  const user = resolveUser(sessions);
  const raw = express.raw({ type: () => true, limit: MAX_IMPORT_BYTES });
  const tooLarge: ErrorRequestHandler = (err: unknown, _req, _res, next) => {
    if ((err as { type?: string })?.type === 'entity.too.large')
      return next(new HttpError(413, { error: 'too_large', field: 'body', reason: `file over ${MAX_IMPORT_BYTES / 1024 / 1024} MiB` }));
    next(err);
  };

  r.post(
    '/api/admin/import/:kind',
    user,
    (req: Request, _res: Response, next: NextFunction) => {
      requireAdmin(req);
      const kind = req.params.kind as ImportKind;
      if (!(IMPORT_KINDS as readonly string[]).includes(kind))
        throw notFound(`no import ${req.params.kind}; one of ${IMPORT_KINDS.join(', ')}`);
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const accepted = TYPES[kind === 'grids' ? 'map' : 'table'];
      if (!accepted.includes(type))
        throw badRequest('content-type', `send the file as the body with Content-Type ${accepted.join(' or ')}`);
      next();
    },
    raw,
    tooLarge,
    async (req: Request, res: Response) => {
      const kind = req.params.kind as ImportKind;
      const q = parseOr400(ImportQuerySchema, req.query);
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (bytes.length === 0) throw badRequest('body', 'the body must be the file');
      const outcome = await runImport(ctx.store, kind, bytes, {
        dryRun: q.dryRun === 'true',
        now: ctx.now(),
        sheet: q.sheet,
        name: q.name,
        actor: actorOfUser(requireAdmin(req)),
      });
      if (!outcome.ok) return res.status(422).json(outcome);
      // This node serves the new data at once; the others notice the new version within seconds.
      if (!outcome.dryRun) ctx.ref = await Reference.load(ctx.store);
      res.json(outcome);
    },
  );

  r.get('/api/admin/coverage', user, async (req, res) => {
    requireAdmin(req);
    res.json(await loadCoverage(ctx.store));
  });
  return r;
}

import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { Incident } from '@streetchief/shared';
import { instantProblem } from '@streetchief/shared/calendar/period';
import {
  OPEN311_DEFAULT_DAYS,
  OPEN311_MAX_RESULTS,
  Open311PostSchema,
  Open311QuerySchema,
  open311Locale,
  open311Request,
  open311Service,
  open311ServiceDefinition,
  type Open311Locale,
} from '@streetchief/shared/open311/index';
import type { z } from 'zod';
import { clientByKey } from '../apiClients/apiClientRepo.ts';
import type { CommandContext } from '../commands/context.ts';
import { answerOf } from '../http/errorHandler.ts';
import { getIncident } from '../store/incidentRepo.ts';
import { OPEN311_FORMATS, REQUESTS, SERVICES, sendDocument, sendErrors, sendList, type Open311Format } from './format.ts';
import { caseByCaseNo, originsOf, requestByToken, searchCases } from './requestRepo.ts';
import { open311Error, submitOpen311Request } from './submit.ts';

/** The API's version date, as discovery's `changeset` states it. */
const CHANGESET = '2026-12-04T00:00:00Z';
const DAY_MS = 86_400_000;

/** `/open311/v2/<name>.<json|xml>` paths: the format is the extension (checked by `formatOf`). */
const path = (name: string) => `/v2/${name}.:format`;

/**
 * Open311 GeoReport v2 at /open311/v2 (docs/interop.md). Reads are public and show no person;
 * a POST needs the client's `api_key`. Every answer, errors included, is in the format the path
 * asks for, with the spec's error shape. Mounted before the app's own JSON parser and error
 * handler: form-encoded posts are the spec's default, and its errors are not the app's.
 */
export function open311Routes(ctx: CommandContext, log: Logger): Router {
  const r = Router();
  r.use((_req, res, next) => {
    // Civic apps read from their own sites: public reads may be fetched from any origin.
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cache-Control', 'no-cache');
    next();
  });
  r.use(express.urlencoded({ extended: false, limit: '64kb' }), express.json({ limit: '64kb' }));
  r.param('format', (req, _res, next, format) => {
    next(OPEN311_FORMATS.includes(format as Open311Format) ? undefined : open311Error(404, `no format ${String(format)}: .json or .xml`));
  });

  r.get(path('discovery'), (req, res) => {
    const url = `${req.protocol}://${req.get('host') ?? 'localhost'}/open311/v2`;
    sendDocument(res, formatOf(req), 'discovery', {
      changeset: CHANGESET,
      contact: ctx.ref.districtName,
      key_service: 'API keys are issued by the district administrator (npm run cli -- api-key issue --name NAME)',
      endpoints: {
        endpoint: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url,
            changeset: CHANGESET,
            type: 'production',
            formats: { format: ['text/xml', 'application/json'] },
          },
        ],
      },
    });
  });

  r.get(path('services'), (req, res) => {
    const locale = localeOf(req);
    res.setHeader('Cache-Control', 'public, max-age=300');
    sendList(
      res,
      formatOf(req),
      SERVICES,
      [...ctx.ref.classes.values()].map((c) => open311Service(c, locale)),
    );
  });

  r.get(path('services/:code'), (req, res) => {
    const code = param(req, 'code');
    const cls = ctx.ref.classes.get(code);
    if (!cls) throw open311Error(404, `service_code ${code} not found`);
    sendDocument(res, formatOf(req), 'service_definition', open311ServiceDefinition(cls));
  });

  r.get(path('requests'), async (req, res) => {
    const q = parse(Open311QuerySchema, req.query);
    const ids = list(q.service_request_id);
    const now = ctx.now();
    let cases: Incident[];
    if (ids) {
      // The spec: with service_request_id the other filters are ignored.
      cases = await searchCases(ctx.store.db, { caseNos: ids, limit: OPEN311_MAX_RESULTS });
    } else {
      const to = q.end_date ? instant(q.end_date, 'end_date') : now.toISOString();
      const from = q.start_date
        ? instant(q.start_date, 'start_date')
        : new Date(Date.parse(to) - OPEN311_DEFAULT_DAYS * DAY_MS).toISOString();
      if (from > to) throw open311Error(400, 'start_date must not be after end_date');
      cases = await searchCases(ctx.store.db, { codes: list(q.service_code), from, to, status: q.status, limit: OPEN311_MAX_RESULTS });
    }
    await sendRequests(req, res, cases);
  });

  r.get(path('requests/:id'), async (req, res) => {
    const id = param(req, 'id');
    const c = await caseByCaseNo(ctx.store.db, id);
    if (!c) throw open311Error(404, `service_request_id ${id} not found`);
    await sendRequests(req, res, [c]);
  });

  r.get(path('tokens/:token'), async (req, res) => {
    const token = param(req, 'token');
    const found = await requestByToken(ctx.store.db, token);
    const c = found ? await getIncident(ctx.store.db, found.incidentId) : null;
    if (!c) throw open311Error(404, `token ${token} not found`);
    sendList(res, formatOf(req), REQUESTS, [{ token, service_request_id: c.caseNo ?? c.id }]);
  });

  r.post(path('requests'), async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const key = typeof body.api_key === 'string' ? body.api_key : typeof req.query.api_key === 'string' ? req.query.api_key : '';
    if (!key) throw open311Error(400, 'api_key is required');
    const client = await clientByKey(ctx.store.db, 'open311', key);
    if (!client) throw open311Error(403, 'api_key is not valid');
    const post = parse(Open311PostSchema, body);
    const { incident, token, created } = await submitOpen311Request(ctx, client, post);
    sendList(
      res,
      formatOf(req),
      REQUESTS,
      [{ service_request_id: incident.caseNo ?? incident.id, token, service_notice: '', account_id: '' }],
      created ? 201 : 200,
    );
  });

  r.use((req) => {
    throw open311Error(404, `no such resource: ${req.method} /open311${req.path} (paths end in .json or .xml)`);
  });
  r.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    // The app's classification of the error, told in the spec's shape and the asked format.
    const answer = answerOf(err, log, req.url);
    for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
    sendErrors(res, formatOf(req), answer.status, answer.body.reason ?? answer.body.error);
  });

  async function sendRequests(req: Request, res: Response, cases: Incident[]): Promise<void> {
    const origins = await originsOf(
      ctx.store.db,
      cases.map((c) => c.id),
    );
    sendList(
      res,
      formatOf(req),
      REQUESTS,
      cases.map((c) => open311Request(c, origins.get(c.id) ?? null, ctx.ref, localeOf(req))),
    );
  }

  return r;
}

/** The answer's format: the path's extension; JSON for a path that names none (errors only). */
const formatOf = (req: Request): Open311Format => (/\.xml$/.test(req.path) ? 'xml' : 'json');
const localeOf = (req: Request): Open311Locale => open311Locale(req.query.locale);
/** A path parameter, at most a few dozen characters (ids, codes and tokens are short). */
const param = (req: Request, name: string): string => String((req.params as Record<string, string>)[name] ?? '').slice(0, 100);

/** A comma-separated list, or undefined when absent or empty. */
function list(v: string | undefined): string[] | undefined {
  const items = v
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items?.length ? items.slice(0, OPEN311_MAX_RESULTS) : undefined;
}

/** An ISO 8601 date-time with a time zone (the spec's form) as a UTC instant; the app's one rule for instants. */
function instant(v: string, field: string): string {
  const problem = instantProblem(v);
  if (problem) throw open311Error(400, `${field} must be ${problem}`);
  return new Date(Date.parse(v)).toISOString();
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue?.path.join('.') || 'body';
  throw open311Error(400, `${field}: ${issue?.message ?? 'invalid'}`);
}

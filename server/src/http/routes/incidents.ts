import { Router } from 'express';
import { z } from 'zod';
import { actionBodySchema, canSee, CreateIncidentSchema, scopeOf } from '@streetchief/shared';
import type { CommandContext } from '../../commands/context.ts';
import { performAction } from '../../commands/performAction.ts';
import { reportIncident } from '../../commands/reportIncident.ts';
import { eventsOfIncident, headSeq } from '../../store/eventLog.ts';
import { getIncident, listIncidents } from '../../store/incidentRepo.ts';
import { badRequest, notFound, parseOr400 } from '../errors.ts';
import { requireUser } from '../auth.ts';
import { CaseListQuerySchema, IdParamSchema } from '../routeSchemas.ts';

const CursorSchema = z.tuple([z.string(), z.string()]);

function decodeCursor(cursor: string | undefined): { reportedAt: string; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const [reportedAt, id] = CursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { reportedAt, id };
  } catch {
    throw badRequest('cursor', 'not a cursor this server gave out');
  }
}

/** Report, list, read and act on cases. Writes answer only after the commit. */
export function incidentRoutes(ctx: CommandContext): Router {
  const r = Router();
  // Deadlines users set are judged against this server's clock (at most a year ahead).
  const ActionSchema = actionBodySchema(() => ctx.now());
  r.post('/api/incidents', async (req, res) => {
    const user = requireUser(req);
    const body = parseOr400(CreateIncidentSchema, req.body);
    const { incident, created } = await reportIncident(ctx, { user, body });
    res.status(created ? 201 : 200).json({ incident });
  });

  r.get('/api/incidents', async (req, res) => {
    const user = requireUser(req);
    const q = parseOr400(CaseListQuerySchema, req.query);
    // Read the head first: the page reflects at least this sequence, so catching up from it misses nothing.
    const head = await headSeq(ctx.store.db);
    const items = await listIncidents(ctx.store.db, {
      ...q,
      overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
      checkOverdue: q.checkOverdue === 'true',
      after: decodeCursor(q.cursor),
      scope: scopeOf(user),
      now: ctx.now(),
    });
    const last = items.at(-1);
    const nextCursor =
      items.length === q.limit && last ? Buffer.from(JSON.stringify([last.reportedAt, last.id])).toString('base64url') : null;
    res.json({ items, nextCursor, head });
  });

  r.get('/api/incidents/:id', async (req, res) => {
    const user = requireUser(req);
    const { id } = parseOr400(IdParamSchema, req.params);
    const incident = await getIncident(ctx.store.db, id);
    if (!incident || !canSee(user, incident)) throw notFound(`no case ${id}`);
    res.json({ incident, history: await eventsOfIncident(ctx.store.db, id) });
  });

  r.post('/api/incidents/:id/actions', async (req, res) => {
    const user = requireUser(req);
    const { id } = parseOr400(IdParamSchema, req.params);
    const body = parseOr400(ActionSchema, req.body);
    res.json({ incident: await performAction(ctx, { user, id, body }) });
  });
  return r;
}

import { Router } from 'express';
import { canSee, fieldBodySchemas } from '@streetchief/shared';
import { dayOf } from '@streetchief/shared/field/index';
import { fieldChecks } from '../../patrol/districtArea.ts';
import { canSeePatrol, type FieldContext } from '../../patrol/fieldContext.ts';
import { patrolOverview } from '../../patrol/overview.ts';
import { patrolAction, startPatrol, uploadTrack } from '../../patrol/patrolCommands.ts';
import { getPatrol, patrolsOfDay, pointsOf } from '../../patrol/patrolRepo.ts';
import { sightingsOf } from '../../patrol/sightingRepo.ts';
import { recordSighting } from '../../patrol/sightings.ts';
import { getIncident } from '../../store/incidentRepo.ts';
import { notFound, parseOr400 } from '../errors.ts';
import { requireUser } from '../auth.ts';
import { IdParamSchema, PatrolDayQuerySchema } from '../routeSchemas.ts';

/**
 * Patrols (日巡) from the field app: start, track batches, pause/resume/finish, and the day's
 * overview for the wall (positions, tracks, coverage). Also sightings: "I saw this case too".
 */
export function patrolRoutes(ctx: FieldContext): Router {
  const r = Router();
  // Times against this server's clock, positions against the district: refused where parsed.
  const bodies = fieldBodySchemas(fieldChecks(ctx));

  r.post('/api/patrols', async (req, res) => {
    const user = requireUser(req);
    const body = parseOr400(bodies.start, req.body);
    const { patrol, created } = await startPatrol(ctx, { user, body });
    res.status(created ? 201 : 200).json({ patrol });
  });

  r.post('/api/patrols/:id/track', async (req, res) => {
    const user = requireUser(req);
    const { id } = parseOr400(IdParamSchema, req.params);
    const { points } = parseOr400(bodies.track, req.body);
    res.json(await uploadTrack(ctx, { user, id, points }));
  });

  r.post('/api/patrols/:id/actions', async (req, res) => {
    const user = requireUser(req);
    const { id } = parseOr400(IdParamSchema, req.params);
    const body = parseOr400(bodies.action, req.body);
    res.json({ patrol: await patrolAction(ctx, { user, id, body }) });
  });

  r.get('/api/patrols', async (req, res) => {
    const user = requireUser(req);
    const q = parseOr400(PatrolDayQuerySchema, req.query);
    const day = q.day ?? dayOf(ctx.now());
    const all = await patrolsOfDay(ctx.store.db, day, q.mine === 'true' ? user.id : undefined);
    res.json({ day, items: all.filter((p) => canSeePatrol(ctx, user, p)) });
  });

  r.get('/api/patrols/overview', async (req, res) => {
    const user = requireUser(req);
    const q = parseOr400(PatrolDayQuerySchema, req.query);
    res.json(await patrolOverview(ctx, user, q.day ?? dayOf(ctx.now())));
  });

  r.get('/api/patrols/:id', async (req, res) => {
    const user = requireUser(req);
    const { id } = parseOr400(IdParamSchema, req.params);
    const patrol = await getPatrol(ctx.store.db, id);
    if (!patrol || !canSeePatrol(ctx, user, patrol)) throw notFound(`no patrol ${id}`);
    const points = await pointsOf(ctx.store.db, id);
    res.json({
      patrol,
      points: points.map((p) => ({
        t: new Date(p.t).toISOString(),
        lng: p.lng,
        lat: p.lat,
        ...(p.acc !== undefined ? { acc: p.acc } : {}),
      })),
    });
  });

  r.post('/api/incidents/:id/sightings', async (req, res) => {
    const user = requireUser(req);
    const { id } = parseOr400(IdParamSchema, req.params);
    const body = parseOr400(bodies.sighting, req.body);
    const { sighting, created } = await recordSighting(ctx, { user, incidentId: id, body });
    res.status(created ? 201 : 200).json({ sighting });
  });

  r.get('/api/incidents/:id/sightings', async (req, res) => {
    const user = requireUser(req);
    const { id } = parseOr400(IdParamSchema, req.params);
    const incident = await getIncident(ctx.store.db, id);
    if (!incident || !canSee(user, incident)) throw notFound(`no case ${id}`);
    res.json({ items: await sightingsOf(ctx.store.db, id) });
  });

  return r;
}

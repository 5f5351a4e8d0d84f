import { Router } from 'express';
import { EventsQuerySchema } from '@streetchief/shared';
import type { Store } from '../../store/store.ts';
import { eventsAfter, headSeq } from '../../store/eventLog.ts';
import { visibleTo } from '../../realtime/visibility.ts';
import { parseOr400 } from '../errors.ts';
import { requireUser } from '../auth.ts';

/** The log after a sequence number; events the reader may not see come as `skip`. */
export function eventRoutes(store: Store): Router {
  const r = Router();
  r.get('/api/events', async (req, res) => {
    const user = requireUser(req);
    const { after, limit } = parseOr400(EventsQuerySchema, req.query);
    const [events, head] = await Promise.all([eventsAfter(store.db, after, limit), headSeq(store.db)]);
    res.json({ events: events.map((e) => visibleTo(user, e)), head });
  });
  return r;
}

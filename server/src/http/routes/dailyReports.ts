import { Router } from 'express';
import { dayOf, submitDailyReportSchema } from '@streetchief/shared/field/index';
import {
  dailyDeadline,
  dailyDraft,
  filingOverview,
  setDailyDeadline,
  submitDailyReport,
  visibleDailyReports,
} from '../../patrol/dailyReportCommands.ts';
import type { FieldContext } from '../../patrol/fieldContext.ts';
import { parseOr400 } from '../errors.ts';
import { requireUser } from '../auth.ts';
import { DailyDeadlineSchema, DayQuerySchema } from '../routeSchemas.ts';

/** Daily reports (日巡日报): the computed draft, filing, the day's list and who has filed per grid. */
export function dailyReportRoutes(ctx: FieldContext): Router {
  const r = Router();
  // The phone's submission time is judged against this server's clock.
  const SubmitSchema = submitDailyReportSchema(() => ctx.now());

  r.get('/api/daily-reports/draft', async (req, res) => {
    const user = requireUser(req);
    const { day } = parseOr400(DayQuerySchema, req.query);
    res.json(await dailyDraft(ctx, user, day ?? dayOf(ctx.now())));
  });

  r.post('/api/daily-reports', async (req, res) => {
    const user = requireUser(req);
    const body = parseOr400(SubmitSchema, req.body);
    const { report, created } = await submitDailyReport(ctx, { user, body });
    res.status(created ? 201 : 200).json({ report });
  });

  r.get('/api/daily-reports', async (req, res) => {
    const user = requireUser(req);
    const { day = dayOf(ctx.now()) } = parseOr400(DayQuerySchema, req.query);
    res.json({ day, items: await visibleDailyReports(ctx, user, day) });
  });

  r.get('/api/daily-reports/status', async (req, res) => {
    const user = requireUser(req);
    const { day } = parseOr400(DayQuerySchema, req.query);
    res.json(await filingOverview(ctx, user, day ?? dayOf(ctx.now())));
  });

  r.get('/api/daily-reports/deadline', async (req, res) => {
    requireUser(req);
    res.json({ time: await dailyDeadline(ctx) });
  });

  r.put('/api/daily-reports/deadline', async (req, res) => {
    const user = requireUser(req);
    const { time } = parseOr400(DailyDeadlineSchema, req.body);
    res.json({ time: await setDailyDeadline(ctx, user, time) });
  });

  return r;
}

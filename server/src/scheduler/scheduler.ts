import { SYSTEM_ACTOR, systemMark, type IncidentEvent } from '@streetchief/shared';
import type { Logger } from 'pino';
import type { CommandContext } from '../commands/context.ts';
import { appendEvents } from '../store/eventLog.ts';
import { getIncident, runningWithDeadline, updateIncident } from '../store/incidentRepo.ts';
import { dueStep, type DeadlinePolicy } from './deadlines.ts';
import { Housekeeping } from './housekeeping.ts';
import type { JobLock } from './lock.ts';
import type { Metrics } from '../metrics/metrics.ts';

/**
 * One scan: every case whose deadline runs gets at most one due step, each written with a version
 * check in its own transaction. A case changed by a user meanwhile is left for the next scan.
 */
export async function scanDeadlines(ctx: CommandContext, policy: DeadlinePolicy): Promise<IncidentEvent[]> {
  const now = ctx.now();
  const published: IncidentEvent[] = [];
  for (const candidate of await runningWithDeadline(ctx.store.db)) {
    if (!dueStep(candidate, now, ctx.ref.calendar, policy)) continue;
    const events = await ctx.store.transaction(async (trx) => {
      const c = await getIncident(trx, candidate.id);
      const step = c && dueStep(c, now, ctx.ref.calendar, policy);
      if (!c || !step) return [];
      const { incident, event } = systemMark(c, step, ctx.ref.transition(SYSTEM_ACTOR, now));
      if (!(await updateIncident(trx, incident, c.version))) return [];
      return appendEvents(trx, [event]);
    });
    ctx.publish(events);
    published.push(...events);
  }
  return published;
}

/**
 * Runs `scanDeadlines` now and every `intervalMs` while this node holds the lock, and with it the
 * hourly housekeeping (unattached photos, expired sessions).
 */
export class DeadlineScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  /** Run by the leader's rounds, at most once an hour of the context's clock. */
  readonly housekeeping: Housekeeping;

  constructor(
    private readonly ctx: CommandContext,
    private readonly policy: DeadlinePolicy,
    private readonly lock: JobLock,
    private readonly intervalMs: number,
    private readonly log: Logger,
    private readonly metrics?: Pick<Metrics, 'schedulerScans'>,
  ) {
    this.housekeeping = new Housekeeping(ctx, log);
  }

  start(): void {
    const tick = () => {
      this.running = this.runOnce().finally(() => {
        if (this.timer) this.timer = setTimeout(tick, this.intervalMs);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** One round, if this node is the leader. */
  async runOnce(): Promise<IncidentEvent[]> {
    try {
      if (!(await this.lock.acquire())) return [];
    } catch (err) {
      this.log.error({ err }, 'scheduler lock failed');
      return [];
    }
    let events: IncidentEvent[] = [];
    try {
      events = await scanDeadlines(this.ctx, this.policy);
      this.metrics?.schedulerScans.inc({ outcome: 'ok' });
      if (events.length) this.log.info({ events: events.length }, 'deadline scan');
    } catch (err) {
      this.metrics?.schedulerScans.inc({ outcome: 'failed' });
      this.log.error({ err }, 'deadline scan failed');
    }
    // After the deadlines, and on its own: a failed cleanup must not stop the deadline scan.
    try {
      await this.housekeeping.runIfDue();
    } catch (err) {
      this.log.error({ err }, 'housekeeping failed');
    }
    return events;
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    await this.lock.release();
  }
}

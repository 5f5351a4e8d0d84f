import type { Logger } from 'pino';
import type { CommandContext } from '../commands/context.ts';
import { deleteExpiredSessions } from '../store/userRepo.ts';

/** How often housekeeping runs: what it removes is hours or days old, so hourly is plenty. */
export const HOUSEKEEPING_INTERVAL_MS = 60 * 60_000;

/**
 * How long an uploaded photo may wait to be attached to a case. A phone uploads a report's
 * photos just before the report itself, so a photo a day old that no case took never will be.
 */
export const UNATTACHED_PHOTO_TTL_MS = 24 * 60 * 60_000;

/** Photos deleted per statement, so one run never holds the writer long or loads thousands of ids. */
const PHOTO_BATCH = 200;
/** Batches per run; whatever is left waits for the next run. */
const MAX_PHOTO_BATCHES = 10;

export interface HousekeepingResult {
  photos: number;
  photoBytes: number;
  sessions: number;
}

/**
 * One housekeeping pass: delete photos never attached and older than a day, and expired sessions.
 * Each batch is its own short transaction, and every statement runs on an index.
 */
export async function runHousekeeping(ctx: CommandContext): Promise<HousekeepingResult> {
  const now = ctx.now();
  const before = new Date(now.getTime() - UNATTACHED_PHOTO_TTL_MS).toISOString();
  const out: HousekeepingResult = { photos: 0, photoBytes: 0, sessions: 0 };
  for (let i = 0; i < MAX_PHOTO_BATCHES; i++) {
    const gone = await ctx.store.transaction((trx) => ctx.photos.deleteUnattachedBefore(trx, before, PHOTO_BATCH));
    out.photos += gone.count;
    out.photoBytes += gone.bytes;
    if (gone.count < PHOTO_BATCH) break;
  }
  out.sessions = await ctx.store.transaction((trx) => deleteExpiredSessions(trx, now));
  return out;
}

/**
 * Runs {@link runHousekeeping} at most once per interval of the context's clock, when asked by
 * the scheduler's round (so only the leader node does it). A clock that went back runs it again.
 */
export class Housekeeping {
  private lastRun: number | null = null;

  constructor(
    private readonly ctx: CommandContext,
    private readonly log: Logger,
    private readonly intervalMs: number = HOUSEKEEPING_INTERVAL_MS,
  ) {}

  /** Run if due; what was removed, or null when not due. Logs what it removed. */
  async runIfDue(): Promise<HousekeepingResult | null> {
    const now = this.ctx.now().getTime();
    if (this.lastRun !== null && now >= this.lastRun && now - this.lastRun < this.intervalMs) return null;
    this.lastRun = now;
    const result = await runHousekeeping(this.ctx);
    if (result.photos || result.sessions) this.log.info(result, 'housekeeping: removed unattached photos and expired sessions');
    return result;
  }
}

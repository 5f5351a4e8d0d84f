import type { NextFunction, Request, Response } from 'express';
import { nextTurn } from '../exports/pace.ts';
import { tooManyRequests } from './errors.ts';

/** How many heavy requests (year-long exports) may run at once. */
export interface HeavyLimits {
  /** Per signed-in user, so one person's script cannot take every slot. */
  perUser: number;
  /** Per node, however many users: beyond it the node would only get slower for everyone. */
  perNode: number;
  /** What a refused client is told to wait before trying again. */
  retryAfterSeconds: number;
}

/**
 * Ten at once per user: a desk exporting its cases, indicators and decisions for several periods
 * side by side still fits; sixteen per node: each export is CPU-bound on the node's one event loop,
 * so past that every download only gets slower without finishing sooner.
 */
export const HEAVY_LIMITS: HeavyLimits = { perUser: 10, perNode: 16, retryAfterSeconds: 5 };

/**
 * Admit at most `perUser` concurrent requests per user and `perNode` in all; the rest get 429
 * `too_many_requests` with Retry-After. A slot is held until the response closes: finished,
 * failed, or abandoned by the client mid-download. Signed-out requests pass through to the
 * route, which answers 401.
 */
export function heavyLimit(limits: HeavyLimits = HEAVY_LIMITS) {
  const perUser = new Map<string, number>();
  let running = 0;
  return (req: Request, res: Response, next: NextFunction) => {
    const userId = req.user?.id;
    if (!userId) return next();
    const mine = perUser.get(userId) ?? 0;
    if (mine >= limits.perUser)
      return next(tooManyRequests(`at most ${limits.perUser} exports at once per user`, limits.retryAfterSeconds));
    if (running >= limits.perNode)
      return next(tooManyRequests(`the server is running ${limits.perNode} exports, its most at once`, limits.retryAfterSeconds));
    perUser.set(userId, mine + 1);
    running++;
    let held = true;
    // 'close' comes once per response, after the last byte or when the connection drops early.
    res.once('close', () => {
      if (!held) return;
      held = false;
      running--;
      const left = (perUser.get(userId) ?? 1) - 1;
      if (left > 0) perUser.set(userId, left);
      else perUser.delete(userId);
    });
    // Start at its own turn of the event loop: ten requests arriving together must not run their
    // first (synchronous, on SQLite) queries back to back in the turn they arrived in.
    void nextTurn().then(() => next());
  };
}

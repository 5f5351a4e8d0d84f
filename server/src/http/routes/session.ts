import { Router } from 'express';
import { LoginSchema } from '@streetchief/shared';
import type { Sessions } from '../../auth/sessions.ts';
import { verifyPassword } from '../../auth/password.ts';
import type { Store } from '../../store/store.ts';
import { findUserByName } from '../../store/userRepo.ts';
import { HttpError, parseOr400 } from '../errors.ts';
import { requireUser } from '../auth.ts';
import type { RateLimiter } from '../../auth/rateLimit.ts';

/** Failed sign-ins allowed per account and address in one window (LOGIN_WINDOW_MS in server.ts). */
export const MAX_LOGIN_ATTEMPTS = 10;

/** Sign in, who am I, sign out. */
export function sessionRoutes(store: Store, sessions: Sessions, limiter: RateLimiter): Router {
  const r = Router();
  r.post('/api/session', async (req, res) => {
    const { username, password } = parseOr400(LoginSchema, req.body);
    const key = `login:${username}:${req.ip ?? ''}`;
    const attempt = await limiter.hit(key);
    if (attempt.count > MAX_LOGIN_ATTEMPTS) {
      res.setHeader('Retry-After', String(Math.ceil(attempt.resetMs / 1000)));
      throw new HttpError(429, {
        error: 'too_many_attempts',
        reason: `too many sign-in attempts; try again in ${Math.ceil(attempt.resetMs / 60_000)} min`,
      });
    }
    const found = await findUserByName(store.db, username);
    // Same answer for an unknown user and a wrong password: no account probing.
    if (!found || !(await verifyPassword(password, found.passwordHash))) {
      throw new HttpError(401, { error: 'unauthenticated', reason: 'wrong username or password' });
    }
    await limiter.reset(key);
    res.setHeader('Set-Cookie', await sessions.start(found.user));
    res.json({ user: found.user });
  });
  r.get('/api/session', (req, res) => {
    res.json({ user: requireUser(req) });
  });
  r.delete('/api/session', async (req, res) => {
    res.setHeader('Set-Cookie', await sessions.end(req.headers.cookie));
    res.status(204).end();
  });
  return r;
}

import { Router } from 'express';
import { LoginSchema } from '@streetchief/shared';
import { addressKey } from '../../auth/clientAddress.ts';
import { passwordChecker } from '../../auth/password.ts';
import type { RateLimiter } from '../../auth/rateLimit.ts';
import type { Sessions } from '../../auth/sessions.ts';
import type { Store } from '../../store/store.ts';
import { findUserByName } from '../../store/userRepo.ts';
import { HttpError, parseOr400 } from '../errors.ts';
import { requireUser } from '../auth.ts';

/** "in 40 s", "in 15 min": how long until the limit lets this client try again. */
function waitText(seconds: number): string {
  return seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}

/** Sign in, who am I, sign out. */
export function sessionRoutes(store: Store, sessions: Sessions, limiter: RateLimiter): Router {
  const checkPassword = passwordChecker();
  const r = Router();
  r.post('/api/session', async (req, res) => {
    const { username, password } = parseOr400(LoginSchema, req.body);
    // req.ip is the socket's peer unless TRUST_PROXY names the proxies allowed to say otherwise.
    const admission = await limiter.admit(username, addressKey(req.ip ?? req.socket.remoteAddress));
    if (!admission.ok) {
      // Refused before the password is looked at: a right guess past the limit tells nothing.
      const seconds = Math.max(1, Math.ceil(admission.retryAfterMs / 1000));
      res.setHeader('Retry-After', String(seconds));
      const who = { 'account-address': 'for this account from this address', address: 'from this address', account: 'for this account' }[
        admission.scope
      ];
      throw new HttpError(429, {
        error: 'too_many_attempts',
        reason: `too many failed sign-ins ${who}; try again in ${waitText(seconds)}`,
        retryAfterSeconds: seconds,
      });
    }
    const found = await findUserByName(store.db, username);
    // Same answer, and the same scrypt time, for an unknown user and a wrong password: no account probing.
    if (!(await checkPassword(password, found?.passwordHash ?? null)) || !found) {
      throw new HttpError(401, { error: 'unauthenticated', reason: 'wrong username or password' });
    }
    await admission.succeeded();
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

import { Router, type Request, type Response } from 'express';
import { LoginSchema } from '@streetchief/shared';
import { PasswordChangeSchema, type SessionAnswer } from '@streetchief/shared/admin/index';
import { changeOwnPassword } from '../../admin/userCommands.ts';
import { addressKey } from '../../auth/clientAddress.ts';
import { passwordChecker } from '../../auth/password.ts';
import type { RateLimiter } from '../../auth/rateLimit.ts';
import type { Sessions } from '../../auth/sessions.ts';
import type { Store } from '../../store/store.ts';
import { findUserByName, recordSignIn } from '../../store/userRepo.ts';
import { HttpError, parseOr400 } from '../errors.ts';
import { requireSession } from '../auth.ts';

/** "in 40 s", "in 15 min": how long until the limit lets this client try again. */
function waitText(seconds: number): string {
  return seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}

/**
 * Admission past the failed-sign-in limits for `username` from this request's address, or a 429
 * saying how long to wait. Guessing a password through the password change is limited the same way.
 */
async function admit(limiter: RateLimiter, req: Request, res: Response, username: string) {
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
  return admission;
}

/** Sign in, who am I, sign out, change my password. */
export function sessionRoutes(store: Store, sessions: Sessions, limiter: RateLimiter): Router {
  const checkPassword = passwordChecker();
  const env = { store, now: sessions.now, disconnect: (ids: readonly string[]) => sessions.disconnect(ids) };
  const r = Router();
  r.post('/api/session', async (req, res) => {
    const { username, password } = parseOr400(LoginSchema, req.body);
    const admission = await admit(limiter, req, res, username);
    const found = await findUserByName(store.db, username);
    // Same answer, and the same scrypt time, for an unknown user and a wrong password: no account probing.
    if (!(await checkPassword(password, found?.passwordHash ?? null)) || !found) {
      throw new HttpError(401, { error: 'unauthenticated', reason: 'wrong username or password' });
    }
    await admission.succeeded();
    // Told only to whoever knows the password: to anyone else a disabled account is a wrong password.
    if (found.admin.disabled)
      throw new HttpError(403, { error: 'account_disabled', reason: 'this account is disabled: ask an administrator' });
    res.setHeader('Set-Cookie', await sessions.start(found.user));
    await recordSignIn(store.db, found.user.id, sessions.now());
    const answer: SessionAnswer = { user: found.user, kind: 'user', mustChangePassword: found.admin.mustChangePassword };
    res.json(answer);
  });
  r.get('/api/session', (req, res) => {
    const s = requireSession(req);
    const answer: SessionAnswer = { user: s.user, kind: s.kind, mustChangePassword: s.mustChangePassword };
    res.json(answer);
  });
  /** Change my own password; the only call besides reading and ending the session while a change is required. */
  r.post('/api/session/password', async (req, res) => {
    const s = requireSession(req);
    const body = parseOr400(PasswordChangeSchema, req.body);
    const admission = await admit(limiter, req, res, s.user.username);
    const user = await changeOwnPassword(env, s, body.current, body.next).catch(async (err: unknown) => {
      // Only a wrong current password counts against the limit; a new one the policy refuses does not.
      if (!(err instanceof HttpError && err.body.field === 'current')) await admission.succeeded();
      throw err;
    });
    await admission.succeeded();
    const answer: SessionAnswer = { user: s.user, kind: s.kind, mustChangePassword: user.mustChangePassword };
    res.json(answer);
  });
  r.delete('/api/session', async (req, res) => {
    res.setHeader('Set-Cookie', await sessions.end(req.headers.cookie));
    res.status(204).end();
  });
  return r;
}

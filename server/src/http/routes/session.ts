import { Router } from 'express';
import { LoginSchema } from '@streetchief/shared';
import type { Sessions } from '../../auth/sessions.ts';
import { verifyPassword } from '../../auth/password.ts';
import type { Store } from '../../store/store.ts';
import { findUserByName } from '../../store/userRepo.ts';
import { HttpError, parseOr400 } from '../errors.ts';
import { requireUser } from '../auth.ts';

/** Sign in, who am I, sign out. */
export function sessionRoutes(store: Store, sessions: Sessions): Router {
  const r = Router();
  r.post('/api/session', async (req, res) => {
    const { username, password } = parseOr400(LoginSchema, req.body);
    const found = await findUserByName(store.db, username);
    // Same answer for an unknown user and a wrong password: no account probing.
    if (!found || !(await verifyPassword(password, found.passwordHash))) {
      throw new HttpError(401, { error: 'unauthenticated', reason: 'wrong username or password' });
    }
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

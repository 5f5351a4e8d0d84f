import type { NextFunction, Request, Response } from 'express';
import type { User } from '@streetchief/shared';
import type { Sessions } from '../auth/sessions.ts';
import { unauthorized } from './errors.ts';

declare module 'express-serve-static-core' {
  interface Request {
    user?: User | null;
  }
}

/** Resolve the session cookie into `req.user` (null when signed out). Never rejects by itself. */
export function resolveUser(sessions: Sessions) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    req.user = await sessions.userFromCookie(req.headers.cookie);
    next();
  };
}

/** The signed-in user, or a 401. */
export function requireUser(req: Request): User {
  if (!req.user) throw unauthorized();
  return req.user;
}

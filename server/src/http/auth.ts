import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { User } from '@streetchief/shared';
import { PASSWORD_CHANGE_REQUIRED } from '@streetchief/shared/admin/index';
import type { Sessions } from '../auth/sessions.ts';
import type { SessionRecord } from '../store/userRepo.ts';
import { forbidden, HttpError, unauthorized } from './errors.ts';

declare module 'express-serve-static-core' {
  interface Request {
    user?: User | null;
    /** The session behind `user` (kind, must-change flag), null when signed out. */
    auth?: SessionRecord | null;
  }
}

/**
 * What a session that must change its password may still call: read itself, sign out, sign in
 * (as itself again, or as someone else), change the password, enroll a display; and the public
 * pages, which need no session at all.
 */
function allowedBeforePasswordChange(req: Request): boolean {
  const path = req.baseUrl + req.path;
  if (path === '/api/session') return req.method === 'GET' || req.method === 'DELETE' || req.method === 'POST';
  if (req.method === 'POST' && (path === '/api/session/password' || path === '/api/displays/enroll')) return true;
  return req.method === 'GET' && path.startsWith('/api/public/');
}

/**
 * Resolve the session cookie into `req.user` and `req.auth` (null when signed out), re-send the
 * cookie when its expiry slid forward, and refuse everything but the password change while the
 * account must change its password (403 `password_change_required`). Signed out is not refused
 * here: routes call {@link requireUser}.
 */
export function resolveUser(sessions: Sessions): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const resolved = await sessions.resolve(req.headers.cookie);
    req.auth = resolved?.session ?? null;
    req.user = resolved?.session.user ?? null;
    // Appended, so a route that sets its own cookie (sign in, sign out) replaces it.
    if (resolved?.setCookie) res.append('Set-Cookie', resolved.setCookie);
    if (!req.auth?.mustChangePassword || allowedBeforePasswordChange(req)) return next();
    next(new HttpError(403, { error: PASSWORD_CHANGE_REQUIRED, reason: 'choose a new password first (POST /api/session/password)' }));
  };
}

/** The signed-in user, or a 401. */
export function requireUser(req: Request): User {
  if (!req.user) throw unauthorized();
  return req.user;
}

/** The signed-in user's session, or a 401. */
export function requireSession(req: Request): SessionRecord {
  if (!req.auth) throw unauthorized();
  return req.auth;
}

/** The signed-in administrator, or 401 / 403. */
export function requireAdmin(req: Request): User {
  const user = requireUser(req);
  if (user.role !== 'admin') throw forbidden(`role ${user.role} may not use the administration (accounts, displays, audit log, imports)`);
  return user;
}

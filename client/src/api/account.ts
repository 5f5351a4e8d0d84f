import { SessionKindSchema, type SessionKind } from '@streetchief/shared/admin/index';
import { UserSchema, type User } from '@streetchief/shared/domain/roles';
import { z } from 'zod';
import { HttpError, requestJson } from './http.ts';

/**
 * The session as the account screens need it: who, a person or an enrolled display, and whether
 * the password must be changed before anything else. Read leniently: a server without these
 * fields is a person with nothing to change.
 */
const AnswerSchema = z.object({
  user: UserSchema,
  kind: SessionKindSchema.default('user'),
  mustChangePassword: z.boolean().default(false),
});

export interface SessionInfo {
  user: User;
  kind: SessionKind;
  mustChangePassword: boolean;
}

/** The current session, or `null` when there is none (401). Other failures throw. */
export async function getSessionInfo(): Promise<SessionInfo | null> {
  try {
    return AnswerSchema.parse(await requestJson('/api/session'));
  } catch (err) {
    if (err instanceof HttpError && err.status === 401) return null;
    throw err;
  }
}

/** Signs in (the server sets the session cookie); `null` for a wrong username or password. */
export async function signInForInfo(username: string, password: string): Promise<SessionInfo | null> {
  try {
    return AnswerSchema.parse(await requestJson('/api/session', { method: 'POST', json: { username, password } }));
  } catch (err) {
    if (err instanceof HttpError && err.status === 401) return null;
    throw err;
  }
}

/** Replaces one's own password; the answer is the session, no longer bound to change it. */
export async function changePassword(current: string, next: string): Promise<SessionInfo> {
  return AnswerSchema.parse(await requestJson('/api/session/password', { method: 'POST', json: { current, next } }));
}

/** Exchanges a wall display's enrollment code for a display session (cookie). */
export async function enrollDisplay(code: string): Promise<SessionInfo> {
  return AnswerSchema.parse(await requestJson('/api/displays/enroll', { method: 'POST', json: { code } }));
}

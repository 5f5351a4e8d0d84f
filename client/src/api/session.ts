import { UserSchema, type User } from '@streetchief/shared/domain/roles';
import { z } from 'zod';
import { HttpError, requestJson } from './http.ts';

const SessionSchema = z.object({ user: UserSchema });

/** The signed-in user, or `null` when there is no session (401). Other failures throw. */
export async function getSession(): Promise<User | null> {
  try {
    return SessionSchema.parse(await requestJson('/api/session')).user;
  } catch (err) {
    if (err instanceof HttpError && err.status === 401) return null;
    throw err;
  }
}

/** Signs in; the server sets the (long-lived) session cookie. `null` for wrong credentials. */
export async function signIn(username: string, password: string): Promise<User | null> {
  try {
    return SessionSchema.parse(await requestJson('/api/session', { method: 'POST', json: { username, password } })).user;
  } catch (err) {
    if (err instanceof HttpError && err.status === 401) return null;
    throw err;
  }
}

export async function signOut(): Promise<void> {
  await requestJson('/api/session', { method: 'DELETE' });
}

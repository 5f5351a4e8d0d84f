import { createHash, randomBytes } from 'node:crypto';
import { parse as parseCookie, serialize } from 'cookie';
import type { User } from '@streetchief/shared';
import type { Store } from '../store/store.ts';
import { deleteSession, insertSession, userOfSession } from '../store/userRepo.ts';

export const SESSION_COOKIE = 'sc_session';

/** Only a hash of the token is stored: a leaked database does not leak live sessions. */
const idOf = (token: string) => createHash('sha256').update(token).digest('base64url');

export class Sessions {
  constructor(
    private readonly store: Store,
    private readonly days: number,
    private readonly secure: boolean,
  ) {}

  /** Start a session; returns the Set-Cookie header value. */
  async start(user: User, now = new Date()): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const expires = new Date(now.getTime() + this.days * 86_400_000);
    await insertSession(this.store.db, idOf(token), user.id, now, expires);
    return serialize(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: this.secure, path: '/', expires });
  }

  /** The signed-in user for a Cookie header, or null. */
  async userFromCookie(cookieHeader: string | undefined, now = new Date()): Promise<User | null> {
    const token = this.tokenOf(cookieHeader);
    return token ? userOfSession(this.store.db, idOf(token), now) : null;
  }

  /** End the session; returns a Set-Cookie header that clears the cookie. */
  async end(cookieHeader: string | undefined): Promise<string> {
    const token = this.tokenOf(cookieHeader);
    if (token) await deleteSession(this.store.db, idOf(token));
    return serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure: this.secure, path: '/', maxAge: 0 });
  }

  private tokenOf(header: string | undefined): string | null {
    if (!header) return null;
    return parseCookie(header)[SESSION_COOKIE] ?? null;
  }
}

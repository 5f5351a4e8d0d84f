import { createHash, randomBytes } from 'node:crypto';
import { parse as parseCookie, serialize } from 'cookie';
import type { User } from '@streetchief/shared';
import type { SessionKind } from '@streetchief/shared/admin/index';
import type { Executor, Store } from '../store/store.ts';
import {
  deleteSession,
  insertDisplaySession,
  insertSession,
  sessionById,
  sessionGeneration,
  touchSession,
  type SessionRecord,
} from '../store/userRepo.ts';
import { watchSessionChanges, type SessionChange, type SessionMirror } from '../store/sessionChanges.ts';

export const SESSION_COOKIE = 'sc_session';

const DAY_MS = 86_400_000;

/**
 * A display session's nominal lifetime: 400 days, the longest a browser keeps a cookie (Chrome
 * caps expiry there). It slides like any session, so a display in use stays signed in until it
 * is revoked; only one switched off for more than 400 days has to be enrolled again.
 */
export const DISPLAY_SESSION_DAYS = 400;

/**
 * How often a session's row is written as it is used: its last use is known to within this much,
 * and a page polling every few seconds costs one write per interval, not one per request.
 */
export const TOUCH_INTERVAL_MS = 5 * 60_000;

/**
 * How long a cached session is trusted before it is read again. A change made on this node (sign
 * out, disabled account, revoked display, new password, new role) drops the entry when its
 * transaction commits, and one made anywhere else (another node, the CLI) moves the stored
 * session generation that every request reads first; this bound only refreshes what changed
 * without either (a display's new name, the last use recorded by another node).
 */
export const SESSION_CACHE_MS = 3000;

/** Sessions held in memory at most; past it the oldest go (each is a few hundred bytes). */
const SESSION_CACHE_SIZE = 10_000;

/** Only a hash of the token is stored: a leaked database does not leak live sessions. */
export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('base64url');

/** A resolved session, and the cookie to send back when its expiry moved. */
export interface ResolvedSession {
  session: SessionRecord;
  /** A Set-Cookie value with the new expiry, or null when the cookie the browser has still fits. */
  setCookie: string | null;
}

export interface SessionOptions {
  /** Nominal lifetime of a person's session (SESSION_DAYS). */
  days: number;
  /** COOKIE_SECURE: the cookie only travels over HTTPS. */
  secure: boolean;
  now?: () => Date;
  /**
   * Close the live connections (sockets) of sessions that just ended: a disabled account or a
   * revoked display must lose its live feed at once, not at its next reconnect.
   */
  disconnect?: (sessionIds: readonly string[]) => void;
}

/**
 * Cookie sessions with sliding expiry: a session lives `days` after it was last renewed, and it is
 * renewed by use once less than half of that remains, so one used every few days never ends while
 * an idle one runs out. Renewal re-sends the cookie with the new expiry.
 */
export class Sessions {
  readonly now: () => Date;
  private readonly lifetimeMs: Record<SessionKind, number>;
  private readonly cache = new SessionCache();

  constructor(
    private readonly store: Store,
    private readonly opts: SessionOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
    this.lifetimeMs = { user: opts.days * DAY_MS, display: DISPLAY_SESSION_DAYS * DAY_MS };
    watchSessionChanges(this.cache);
  }

  /** Start a person's session; returns the Set-Cookie header value. */
  async start(user: User, ex: Executor = this.store.db): Promise<string> {
    const now = this.now();
    const token = randomBytes(32).toString('base64url');
    const expires = new Date(now.getTime() + this.lifetimeMs.user);
    await insertSession(ex, sessionIdOf(token), user.id, now, expires);
    return this.cookie(token, expires, now);
  }

  /** Start a display's session (inside the enrollment's transaction); returns the Set-Cookie value. */
  async startDisplay(displayId: string, ex: Executor): Promise<string> {
    const now = this.now();
    const token = randomBytes(32).toString('base64url');
    const expires = new Date(now.getTime() + this.lifetimeMs.display);
    await insertDisplaySession(ex, sessionIdOf(token), displayId, now, expires);
    return this.cookie(token, expires, now);
  }

  /**
   * The live session of a Cookie header, or null. Counts as a use: at most every
   * {@link TOUCH_INTERVAL_MS} the row records it, and once less than half the lifetime remains the
   * expiry moves to a full lifetime from now and a renewed cookie comes back.
   */
  async resolve(cookieHeader: string | undefined): Promise<ResolvedSession | null> {
    const token = this.tokenOf(cookieHeader);
    if (!token) return null;
    const now = this.now();
    const id = sessionIdOf(token);
    // One primary-key read instead of the session join: a change committed anywhere moved it.
    this.cache.atGeneration(await sessionGeneration(this.store.db));
    const session = this.cache.get(id, now) ?? (await this.load(id, now));
    if (!session) return null;
    const lifetime = this.lifetimeMs[session.kind];
    const expires = new Date(session.expiresAt);
    const renew = expires.getTime() - now.getTime() < lifetime / 2;
    const stale = now.getTime() - new Date(session.lastSeenAt).getTime() >= TOUCH_INTERVAL_MS;
    if (!renew && !stale) return { session, setCookie: null };
    const nextExpires = renew ? new Date(now.getTime() + lifetime) : expires;
    const wrote = await touchSession(this.store.db, session, now, nextExpires.toISOString());
    const updated = { ...session, lastSeenAt: now.toISOString(), expiresAt: nextExpires.toISOString() };
    // The loser of a race (here or on another node) does not know what the winner wrote: read it again next time.
    if (wrote) this.cache.replace(updated);
    else this.cache.forget({ sessionIds: [id] });
    // The request that wrote the renewal sends the cookie; one that lost the race finds it done.
    return { session: wrote ? updated : session, setCookie: renew && wrote ? this.cookie(token, nextExpires, now) : null };
  }

  /** The signed-in user for a Cookie header, or null. */
  async userFromCookie(cookieHeader: string | undefined): Promise<User | null> {
    return (await this.resolve(cookieHeader))?.session.user ?? null;
  }

  /**
   * Is this session still live (not ended, expired, disabled or revoked)? Does not count as a use.
   * Always read from the database: it guards long-lived sockets, which a cache would let outlive
   * a revocation made on another node.
   */
  async isLive(sessionId: string): Promise<boolean> {
    return (await sessionById(this.store.db, sessionId, this.now())) !== null;
  }

  /** End the session; returns a Set-Cookie header that clears the cookie. */
  async end(cookieHeader: string | undefined): Promise<string> {
    const token = this.tokenOf(cookieHeader);
    if (token) {
      const id = sessionIdOf(token);
      await deleteSession(this.store.db, id);
      this.disconnect([id]);
    }
    return serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure: this.opts.secure, path: '/', maxAge: 0 });
  }

  /** Close the sockets of sessions already deleted (call after the deleting transaction commits). */
  disconnect(sessionIds: readonly string[]): void {
    if (sessionIds.length) this.opts.disconnect?.(sessionIds);
  }

  /** The session from the database, remembered for the next requests. */
  private async load(id: string, now: Date): Promise<SessionRecord | null> {
    const generation = this.cache.generation;
    const session = await sessionById(this.store.db, id, now);
    // Not if a change was heard while reading: the row read may be the one it replaced.
    if (session && generation === this.cache.generation) this.cache.replace(session);
    return session;
  }

  private cookie(token: string, expires: Date, now: Date): string {
    const maxAge = Math.max(0, Math.floor((expires.getTime() - now.getTime()) / 1000));
    return serialize(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: this.opts.secure, path: '/', expires, maxAge });
  }

  private tokenOf(header: string | undefined): string | null {
    if (!header) return null;
    return parseCookie(header)[SESSION_COOKIE] ?? null;
  }
}

/**
 * Live sessions by id, so a request costs no session query: entries expire with their session
 * and after {@link SESSION_CACHE_MS}, and go at once when the store reports a change.
 */
class SessionCache implements SessionMirror {
  private readonly entries = new Map<string, { session: SessionRecord; loadedAt: number }>();
  /** Moves at every change heard, so a read that overlapped one is not cached. */
  generation = 0;
  /** The stored session generation the entries were read under. */
  private stored = -1;

  /** Drop everything when the stored generation moved (a change committed by any process). */
  atGeneration(stored: number): void {
    if (stored === this.stored) return;
    this.stored = stored;
    this.generation++;
    this.entries.clear();
  }

  get(id: string, now: Date): SessionRecord | null {
    const e = this.entries.get(id);
    if (!e) return null;
    // A wall-clock bound (not the server's clock, which tests move) for changes made elsewhere.
    const age = performance.now() - e.loadedAt;
    if (age >= SESSION_CACHE_MS || e.session.expiresAt <= now.toISOString()) {
      this.entries.delete(id);
      return null;
    }
    return e.session;
  }

  replace(session: SessionRecord): void {
    this.entries.delete(session.id);
    if (this.entries.size >= SESSION_CACHE_SIZE) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(session.id, { session, loadedAt: performance.now() });
  }

  forget(change: SessionChange): void {
    this.generation++;
    if ('sessionIds' in change) {
      for (const id of change.sessionIds) this.entries.delete(id);
      return;
    }
    for (const [id, e] of this.entries) {
      const hit =
        'userId' in change ? e.session.kind === 'user' && e.session.user.id === change.userId : e.session.displayId === change.displayId;
      if (hit) this.entries.delete(id);
    }
  }
}

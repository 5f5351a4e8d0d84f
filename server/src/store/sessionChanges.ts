import { afterCommit } from './groupCommit.ts';

/** Sessions whose stored row (or the account or display behind it) just changed or ended. */
export type SessionChange = { sessionIds: readonly string[] } | { userId: string } | { displayId: string };

/** Anything that mirrors session rows in memory (the session cache in auth/sessions.ts). */
export interface SessionMirror {
  forget(change: SessionChange): void;
}

/**
 * Mirrors in this process, held weakly: a server that stopped needs no unsubscribing. Every
 * mirror hears every change, so two nodes sharing this process (tests) stay in step too.
 */
const mirrors = new Set<WeakRef<SessionMirror>>();

export function watchSessionChanges(mirror: SessionMirror): void {
  mirrors.add(new WeakRef(mirror));
}

/**
 * Tell the mirrors, once `ex`'s transaction has ended (at once outside one), that these sessions
 * changed: the repository functions that end sessions or change their accounts call this, so no
 * caller can forget to.
 */
export function sessionsChanged(ex: object, change: SessionChange): void {
  afterCommit(ex, () => {
    for (const ref of mirrors) {
      const mirror = ref.deref();
      if (mirror) mirror.forget(change);
      else mirrors.delete(ref);
    }
  });
}

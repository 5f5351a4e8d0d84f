import { useCallback, useEffect, useRef, useState } from 'react';
import type { User } from '@streetchief/shared/domain/roles';
import { getSession } from '../api/session.ts';
import type { Connectivity } from './net/connectivity.ts';
import { kvGet, kvSet } from './outbox/idb.ts';

const USER_KEY = 'user';

export type FieldSessionPhase =
  | { kind: 'checking' }
  | { kind: 'signedOut' }
  | { kind: 'unreachable' }
  /** `offline`: the server could not be asked; the user is the one last signed in on this phone. */
  | { kind: 'signedIn'; user: User; offline: boolean; expired: boolean };

/**
 * The session for the field app. Unlike the wall's gate it works with no network: the last signed-in
 * user is kept on the phone, so a patrol officer who opens the app in a basement can still report
 * (the outbox sends when the signal and the session are back). A 401 from the server asks for the
 * password again without dropping anything.
 */
export function useFieldSession(net: Connectivity) {
  const [phase, setPhase] = useState<FieldSessionPhase>({ kind: 'checking' });
  const phaseRef = useRef(phase);
  phaseRef.current = phase;

  const check = useCallback(async () => {
    try {
      const user = await getSession();
      if (user) {
        await kvSet(USER_KEY, user).catch(() => {});
        setPhase({ kind: 'signedIn', user, offline: false, expired: false });
      } else {
        setPhase({ kind: 'signedOut' });
      }
    } catch {
      const cached = await kvGet<User>(USER_KEY).catch(() => undefined);
      setPhase(cached ? { kind: 'signedIn', user: cached, offline: true, expired: false } : { kind: 'unreachable' });
    }
  }, []);

  useEffect(() => {
    void check();
  }, [check]);

  // The server answers again and the user is the cached one: confirm the session with it.
  useEffect(
    () =>
      net.onBack(() => {
        const p = phaseRef.current;
        if ((p.kind === 'signedIn' && p.offline) || p.kind === 'unreachable') void check();
      }),
    [check, net],
  );

  const onUnauthorized = useCallback(() => setPhase((p) => (p.kind === 'signedIn' ? { ...p, expired: true } : p)), []);
  const onSignedIn = useCallback((user: User) => {
    void kvSet(USER_KEY, user).catch(() => {});
    setPhase({ kind: 'signedIn', user, offline: false, expired: false });
  }, []);

  return { phase, onUnauthorized, onSignedIn, retry: check };
}

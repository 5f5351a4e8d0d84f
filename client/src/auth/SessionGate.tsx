import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { User } from '@streetchief/shared/domain/roles';
import { getSession } from '../api/session.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { SignIn } from './SignIn.tsx';

/** What a signed-in page gets from the gate. */
export interface SessionContext {
  user: User;
  /** Call when the server answers 401: the sign-in form appears over the page, which stays mounted. */
  onUnauthorized: () => void;
  /** Increments after every (re-)sign-in, so the page can reconnect at once. */
  epoch: number;
}

type Phase =
  | { kind: 'checking' }
  | { kind: 'unreachable'; retryIn: number }
  | { kind: 'signedOut' }
  | { kind: 'signedIn'; user: User; expired: boolean };

const RETRY_S = 5;

/**
 * Shows the page only with a session. `GET /api/session` decides: 401 → the sign-in form; no answer
 * → retry (a wall that boots before the server must come up on its own). When the session
 * expires later, the form covers the page but the page keeps its last data.
 */
export function SessionGate({ children }: { children: (session: SessionContext) => ReactNode }) {
  const { t } = useI18n();
  const [phase, setPhase] = useState<Phase>({ kind: 'checking' });
  const [epoch, setEpoch] = useState(0);

  useEffect(() => {
    if (phase.kind !== 'checking') return;
    let cancelled = false;
    getSession().then(
      (user) => {
        if (!cancelled) setPhase(user ? { kind: 'signedIn', user, expired: false } : { kind: 'signedOut' });
      },
      () => {
        if (!cancelled) setPhase({ kind: 'unreachable', retryIn: RETRY_S });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [phase.kind]);

  useEffect(() => {
    if (phase.kind !== 'unreachable') return;
    const timer = setTimeout(() => {
      setPhase(phase.retryIn <= 1 ? { kind: 'checking' } : { kind: 'unreachable', retryIn: phase.retryIn - 1 });
    }, 1000);
    return () => clearTimeout(timer);
  }, [phase]);

  const onUnauthorized = useCallback(() => {
    setPhase((p) => (p.kind === 'signedIn' && !p.expired ? { ...p, expired: true } : p));
  }, []);

  const onSignedIn = useCallback((user: User) => {
    setPhase({ kind: 'signedIn', user, expired: false });
    setEpoch((e) => e + 1);
  }, []);

  switch (phase.kind) {
    case 'checking':
      return <div className="gate-message">{t('session.checking')}</div>;
    case 'unreachable':
      return <div className="gate-message">{t('session.unreachable', { seconds: phase.retryIn })}</div>;
    case 'signedOut':
      return (
        <div className="gate-screen">
          <SignIn onSignedIn={onSignedIn} />
        </div>
      );
    case 'signedIn':
      return (
        <>
          {children({ user: phase.user, onUnauthorized, epoch })}
          {phase.expired && (
            <div className="gate-overlay">
              <SignIn onSignedIn={onSignedIn} notice={t('session.expired')} />
            </div>
          )}
        </>
      );
  }
}

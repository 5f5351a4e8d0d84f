import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { SessionKind } from '@streetchief/shared/admin/index';
import type { User } from '@streetchief/shared/domain/roles';
import { enrollDisplay, getSessionInfo, type SessionInfo } from '../api/account.ts';
import { useAdminI18n } from '../i18n/admin.ts';
import { ChangePassword } from './ChangePassword.tsx';
import { SignIn } from './SignIn.tsx';

/** What a signed-in page gets from the gate. */
export interface SessionContext {
  user: User;
  /** A person, or a wall display enrolled by an administrator. */
  kind: SessionKind;
  /** Call when the server answers 401: the sign-in form appears over the page, which stays mounted. */
  onUnauthorized: () => void;
  /** Increments after every (re-)sign-in, so the page can reconnect at once. */
  epoch: number;
}

/** Whether the page's session has ended (ms since epoch when it was noticed), for headers that must not say "live" then. */
export interface SessionStatus {
  signedOutSince: number | null;
}
const SessionStatusContext = createContext<SessionStatus>({ signedOutSince: null });

/** The gate's session status: `signedOutSince` is set once the server said 401 and until a new sign-in. */
export function useSessionStatus(): SessionStatus {
  return useContext(SessionStatusContext);
}

type Phase =
  | { kind: 'enrolling'; code: string }
  | { kind: 'checking' }
  | { kind: 'unreachable'; retryIn: number }
  | { kind: 'signedOut' }
  | { kind: 'signedIn'; info: SessionInfo; expiredAt: number | null };

const RETRY_S = 5;

/**
 * `?enroll=CODE` in the address, taken once per page load: the address loses it at once (the code
 * is for one use and must not stay in the history or on screen), and the exchange runs once even
 * when React runs an effect twice.
 */
let enrollment: { code: string; answer: Promise<SessionInfo> | null } | null | undefined;
function takeEnrollmentCode(): string | null {
  if (enrollment === undefined) {
    const url = new URL(window.location.href);
    const code = url.searchParams.get('enroll');
    enrollment = code ? { code, answer: null } : null;
    if (code !== null) {
      url.searchParams.delete('enroll');
      window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    }
  }
  return enrollment?.code ?? null;
}
function enrollOnce(code: string): Promise<SessionInfo> {
  if (!enrollment || enrollment.code !== code) enrollment = { code, answer: null };
  enrollment.answer ??= enrollDisplay(code);
  return enrollment.answer;
}

export interface SessionGateProps {
  children: (session: SessionContext) => ReactNode;
  /** The wall: exchange `?enroll=CODE` for a display session before anything else. */
  enroll?: boolean;
  /**
   * The wall: when the session ends, keep the page uncovered (its figures stay readable, marked
   * stale by the page) with a small sign-in corner instead of the form over everything.
   */
  keepPageVisible?: boolean;
}

/**
 * Shows the page only with a session. `GET /api/session` decides: 401 → the sign-in form; no answer
 * → retry (a wall that boots before the server must come up on its own); a session that must
 * change its password → the change form, before any page. When the session expires later, the
 * form covers the page (or sits in a corner, for the wall) but the page keeps its last data.
 */
export function SessionGate({ children, enroll = false, keepPageVisible = false }: SessionGateProps) {
  const { t, ta } = useAdminI18n();
  const [phase, setPhase] = useState<Phase>(() => {
    const code = enroll ? takeEnrollmentCode() : null;
    return code ? { kind: 'enrolling', code } : { kind: 'checking' };
  });
  const [enrollError, setEnrollError] = useState<string | null>(null);
  const [epoch, setEpoch] = useState(0);
  const [cornerOpen, setCornerOpen] = useState(false);

  useEffect(() => {
    if (phase.kind !== 'enrolling') return;
    let cancelled = false;
    enrollOnce(phase.code).then(
      (info) => {
        if (!cancelled) setPhase({ kind: 'signedIn', info, expiredAt: null });
      },
      (err: unknown) => {
        if (cancelled) return;
        // A used or expired code: say so, and carry on with whatever session the screen has.
        setEnrollError(ta('enroll.failed', { message: err instanceof Error ? err.message : String(err) }));
        setPhase({ kind: 'checking' });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [phase, ta]);

  useEffect(() => {
    if (phase.kind !== 'checking') return;
    let cancelled = false;
    getSessionInfo().then(
      (info) => {
        if (!cancelled) setPhase(info ? { kind: 'signedIn', info, expiredAt: null } : { kind: 'signedOut' });
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
    setPhase((p) => (p.kind === 'signedIn' && p.expiredAt === null ? { ...p, expiredAt: Date.now() } : p));
  }, []);

  const onSignedIn = useCallback((_user: User, info: SessionInfo) => {
    setPhase({ kind: 'signedIn', info, expiredAt: null });
    setCornerOpen(false);
    setEpoch((e) => e + 1);
  }, []);

  const enrollNote = enrollError && (
    <p className="signin-error" role="alert" data-testid="enroll-error">
      {enrollError}
    </p>
  );

  switch (phase.kind) {
    case 'enrolling':
      return <div className="gate-message">{ta('enroll.working')}</div>;
    case 'checking':
      return <div className="gate-message">{t('session.checking')}</div>;
    case 'unreachable':
      return <div className="gate-message">{t('session.unreachable', { seconds: phase.retryIn })}</div>;
    case 'signedOut':
      return (
        <div className="gate-screen">
          <div>
            {enrollNote}
            <SignIn onSignedIn={onSignedIn} />
          </div>
        </div>
      );
    case 'signedIn': {
      const { info, expiredAt } = phase;
      if (info.mustChangePassword)
        return (
          <div className="gate-screen">
            <ChangePassword user={info.user} onChanged={(next) => onSignedIn(next.user, next)} />
          </div>
        );
      return (
        <SessionStatusContext.Provider value={{ signedOutSince: expiredAt }}>
          {children({ user: info.user, kind: info.kind, onUnauthorized, epoch })}
          {expiredAt !== null &&
            (keepPageVisible && !cornerOpen ? (
              <div className="gate-corner" data-testid="signed-out-corner">
                <div className="gate-corner-note" role="status">
                  <span>{ta('wallAuth.cornerNote')}</span>
                  <button type="button" onClick={() => setCornerOpen(true)}>
                    {ta('wallAuth.signIn')}
                  </button>
                </div>
              </div>
            ) : (
              <div className="gate-overlay">
                <SignIn onSignedIn={onSignedIn} notice={t('session.expired')} />
              </div>
            ))}
        </SessionStatusContext.Provider>
      );
    }
  }
}

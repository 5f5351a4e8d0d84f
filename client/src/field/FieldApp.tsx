import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { User } from '@streetchief/shared/domain/roles';
import { SignIn } from '../auth/SignIn.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/dict.ts';
import { CheckPanel } from './check/CheckPanel.tsx';
import { DailyForm } from './daily/DailyForm.tsx';
import { installFieldDebug } from './debug.ts';
import { IdbOutboxStore } from './outbox/idbStore.ts';
import { Outbox } from './outbox/outbox.ts';
import { groupRows, OutboxSheet } from './outbox/OutboxSheet.tsx';
import { sendPayload } from './outbox/send.ts';
import { PatrolPanel } from './patrol/PatrolPanel.tsx';
import { PatrolRecorder } from './patrol/recorder.ts';
import { useFieldReference } from './reference.ts';
import { ReportForm } from './report/ReportForm.tsx';
import { useFieldSession } from './session.ts';
import { addFieldManifest, registerFieldServiceWorker } from './sw/register.ts';
import './field.css';

const TABS = ['report', 'patrol', 'check', 'daily'] as const;
type Tab = (typeof TABS)[number];

function tabFromHash(): Tab {
  const h = window.location.hash.slice(1);
  return (TABS as readonly string[]).includes(h) ? (h as Tab) : 'report';
}

function useOnline(): boolean {
  return useSyncExternalStore(
    (cb) => {
      window.addEventListener('online', cb);
      window.addEventListener('offline', cb);
      return () => {
        window.removeEventListener('online', cb);
        window.removeEventListener('offline', cb);
      };
    },
    () => navigator.onLine,
  );
}

/** `/field`: the phone app for patrol and grid staff. Works offline; see the outbox for how. */
export default function FieldApp() {
  const { t } = useI18n();
  const session = useFieldSession();
  useEffect(() => {
    addFieldManifest();
    registerFieldServiceWorker();
  }, []);
  useEffect(() => {
    document.title = t('field.title');
  }, [t]);

  switch (session.phase.kind) {
    case 'checking':
      return <div className="field field-message">{t('session.checking')}</div>;
    case 'unreachable':
      return (
        <div className="field field-message">
          <p>{t('field.unreachable')}</p>
          <button type="button" className="field-primary" onClick={() => void session.retry()}>
            {t('field.retry')}
          </button>
        </div>
      );
    case 'signedOut':
      return (
        <div className="field field-signin">
          <SignIn onSignedIn={session.onSignedIn} />
        </div>
      );
    case 'signedIn':
      return (
        <>
          <FieldShell user={session.phase.user} onUnauthorized={session.onUnauthorized} />
          {session.phase.expired && (
            <div className="field-sheet field-signin">
              <SignIn onSignedIn={session.onSignedIn} notice={t('field.expired')} />
            </div>
          )}
        </>
      );
  }
}

function FieldShell({ user, onUnauthorized }: { user: User; onUnauthorized: () => void }) {
  const { t } = useI18n();
  const online = useOnline();
  const [tab, setTab] = useState<Tab>(tabFromHash);
  const [showOutbox, setShowOutbox] = useState(false);
  const [toast, setToast] = useState<string | null>(null);
  const reference = useFieldReference();

  const outbox = useMemo(
    () =>
      new Outbox(new IdbOutboxStore(), sendPayload, {
        onUnauthorized,
        // Two tabs on one phone send one at a time (the server's idempotency would cope, this saves the traffic).
        lock:
          typeof navigator.locks?.request === 'function'
            ? <T,>(fn: () => Promise<T>) => navigator.locks.request('streetchief-field-outbox', fn) as Promise<T>
            : undefined,
      }),
    // One outbox per page; the 401 handler is stable.
    [onUnauthorized],
  );
  const recorder = useMemo(() => new PatrolRecorder(outbox), [outbox]);
  const view = useSyncExternalStore(
    (cb) => outbox.subscribe(cb),
    () => outbox.getView(),
  );
  const patrol = useSyncExternalStore(
    (cb) => recorder.subscribe(cb),
    () => recorder.getState(),
  );

  // The badge counts what the user did (a report with its photos is one), not requests.
  const waitingRows = useMemo(() => groupRows(view.items.filter((i) => !i.failed)).length, [view.items]);

  useEffect(() => {
    void outbox.start();
    void recorder.load();
    const uninstall = installFieldDebug(outbox, recorder);
    return () => {
      uninstall();
      recorder.dispose();
      outbox.stop();
    };
  }, [outbox, recorder]);

  useEffect(() => {
    const onHash = () => setTab(tabFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    if (!toast) return;
    const id = setTimeout(() => setToast(null), 4000);
    return () => clearTimeout(id);
  }, [toast]);

  const go = (next: Tab) => {
    window.history.replaceState(null, '', `#${next}`);
    setTab(next);
  };

  return (
    <div className="field" data-testid="field-app">
      <header className="field-header">
        <div>
          <h1>{t('field.title')}</h1>
          <small>{user.displayName}</small>
        </div>
        <span className={`field-net field-net-${online ? 'on' : 'off'}`} data-testid="field-net">
          {online ? t('field.online') : t('field.offline')}
        </span>
        <button
          type="button"
          className={`field-outbox-badge ${view.failed ? 'field-outbox-badge-failed' : ''}`}
          onClick={() => setShowOutbox(true)}
          data-testid="outbox-badge"
          data-pending={view.pending}
          data-failed={view.failed}
        >
          {view.pending > 0 ? t('field.outbox.badge', { n: waitingRows }) : t('field.outbox.clear')}
          {view.failed > 0 && ` · ${t('field.outbox.badgeFailed', { n: view.failed })}`}
        </button>
      </header>
      {patrol.patrol && tab !== 'patrol' && (
        <button type="button" className="field-patrol-strip" onClick={() => go('patrol')}>
          ● {t(`field.patrol.state.${patrol.patrol.status}` as MessageKey)}
        </button>
      )}

      <main className="field-main">
        {tab === 'report' && (
          <ReportForm
            user={user}
            reference={reference}
            outbox={outbox}
            queued={view.items}
            patrolFix={patrol.fix}
            track={patrol.track}
            onDone={(m) => setToast(m)}
          />
        )}
        {tab === 'patrol' && <PatrolPanel recorder={recorder} state={patrol} reference={reference} />}
        {tab === 'check' && <CheckPanel user={user} reference={reference} outbox={outbox} queued={view.items} />}
        {tab === 'daily' && (
          <DailyForm reference={reference} outbox={outbox} queued={view.items} track={patrol.track} gridCodes={user.gridCodes} />
        )}
      </main>

      {toast && (
        <div className="field-toast" role="status" data-testid="field-toast">
          {toast}
        </div>
      )}

      <nav className="field-tabs" aria-label={t('field.title')}>
        {TABS.map((k) => (
          <button key={k} type="button" aria-current={tab === k ? 'page' : undefined} onClick={() => go(k)} data-testid={`tab-${k}`}>
            {t(`field.tab.${k}` as MessageKey)}
          </button>
        ))}
      </nav>

      {showOutbox && <OutboxSheet outbox={outbox} view={view} onClose={() => setShowOutbox(false)} />}
    </div>
  );
}

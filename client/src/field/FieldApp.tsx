import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { User } from '@streetchief/shared/domain/roles';
import { SignIn } from '../auth/SignIn.tsx';
import { useFieldI18n } from '../i18n/field.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/dict.ts';
import { CheckPanel, type CheckedCase } from './check/CheckPanel.tsx';
import { DailyForm } from './daily/DailyForm.tsx';
import { installFieldDebug } from './debug.ts';
import { Connectivity, serverAnswered } from './net/connectivity.ts';
import { IdbOutboxStore } from './outbox/idbStore.ts';
import { Outbox } from './outbox/outbox.ts';
import { groupRows, OutboxSheet } from './outbox/OutboxSheet.tsx';
import type { OutboxPayload } from './outbox/items.ts';
import type { SendResult } from './outbox/outbox.ts';
import { sendPayload } from './outbox/send.ts';
import { PatrolPanel } from './patrol/PatrolPanel.tsx';
import { PatrolRecorder } from './patrol/recorder.ts';
import { useFieldReference } from './reference.ts';
import { DuplicateNotices } from './report/DuplicateNotice.tsx';
import { duplicateNotice, type DuplicateNotice } from './report/possibleDuplicates.ts';
import { ReportForm } from './report/ReportForm.tsx';
import { AccountMenu } from './shell/AccountMenu.tsx';
import { NetStatus } from './shell/NetStatus.tsx';
import { signOutOfField } from './shell/signOut.ts';
import { useFieldSession } from './session.ts';
import { addFieldManifest, registerFieldServiceWorker } from './sw/register.ts';
import './field.css';

const TABS = ['report', 'patrol', 'check', 'daily'] as const;
type Tab = (typeof TABS)[number];

function tabFromHash(): Tab {
  const h = window.location.hash.slice(1);
  return (TABS as readonly string[]).includes(h) ? (h as Tab) : 'report';
}

/** `/field`: the phone app for patrol and grid staff. Works offline; see the outbox for how. */
export default function FieldApp() {
  const { t } = useI18n();
  // One per page: whether the server answers, for the session, the header and the outbox.
  const net = useMemo(() => new Connectivity(), []);
  const session = useFieldSession(net);
  useEffect(() => {
    addFieldManifest();
    registerFieldServiceWorker();
    net.start();
    return () => net.stop();
  }, [net]);
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
          <FieldShell user={session.phase.user} onUnauthorized={session.onUnauthorized} net={net} />
          {session.phase.expired && (
            <div className="field-sheet field-signin">
              <SignIn onSignedIn={session.onSignedIn} notice={t('field.expired')} />
            </div>
          )}
        </>
      );
  }
}

function FieldShell({ user, onUnauthorized, net }: { user: User; onUnauthorized: () => void; net: Connectivity }) {
  const { t, tf } = useFieldI18n();
  const netState = useSyncExternalStore(
    (cb) => net.subscribe(cb),
    () => net.getState(),
  );
  const [tab, setTab] = useState<Tab>(tabFromHash);
  const [sheet, setSheet] = useState<'outbox' | 'menu' | null>(null);
  const [toast, setToast] = useState<string | null>(null);
  const [checked, setChecked] = useState<CheckedCase[]>([]);
  const [duplicates, setDuplicates] = useState<DuplicateNotice[]>([]);
  const reference = useFieldReference(net);

  // What each request the outbox made tells: whether the server answered, and what it said to a report.
  const onResult = useRef<(payload: OutboxPayload, result: SendResult) => void>(() => {});
  onResult.current = (payload, result) => {
    net.report(result.ok || serverAnswered(result.status));
    if (result.ok && payload.kind === 'report') {
      const notice = duplicateNotice(result.body);
      if (notice) setDuplicates((list) => [...list.filter((n) => n.incidentId !== notice.incidentId), notice]);
    }
  };

  const outbox = useMemo(
    () =>
      new Outbox(new IdbOutboxStore(), sendPayload, {
        onUnauthorized,
        onResult: (payload, result) => onResult.current(payload, result),
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
  const unsentRows = useMemo(() => groupRows(view.items).length, [view.items]);

  useEffect(() => {
    void outbox.start();
    void recorder.load();
    const uninstall = installFieldDebug(outbox, recorder, net);
    // The server answers again: send what waits at once (not at the end of the outbox's own back-off).
    const offBack = net.onBack(() => void outbox.flush());
    return () => {
      offBack();
      uninstall();
      recorder.dispose();
      outbox.stop();
    };
  }, [outbox, recorder, net]);

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
    <div className={`field field-tab-${tab}`} data-testid="field-app">
      <header className="field-header">
        <div className="field-who">
          <h1>{t('field.title')}</h1>
          <small>{user.displayName}</small>
        </div>
        <NetStatus net={netState} view={view} waitingRows={waitingRows} onOpen={() => setSheet('outbox')} />
        <button
          type="button"
          className="field-menu-button"
          aria-label={tf('fieldx.menu.open')}
          aria-haspopup="dialog"
          onClick={() => setSheet('menu')}
          data-testid="field-menu-open"
        >
          <span aria-hidden="true">☰</span>
        </button>
      </header>
      {patrol.patrol && tab !== 'patrol' && (
        <button type="button" className="field-patrol-strip" onClick={() => go('patrol')}>
          ● {t(`field.patrol.state.${patrol.patrol.status}` as MessageKey)}
        </button>
      )}

      <main className="field-main">
        <DuplicateNotices notices={duplicates} reference={reference} onDismiss={() => setDuplicates([])} />
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
        {tab === 'check' && (
          <CheckPanel
            user={user}
            reference={reference}
            outbox={outbox}
            queued={view.items}
            net={netState}
            checked={checked}
            onChecked={(c) => setChecked((list) => [c, ...list.filter((x) => x.incidentId !== c.incidentId)].slice(0, 5))}
          />
        )}
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

      {sheet === 'outbox' && <OutboxSheet outbox={outbox} view={view} onClose={() => setSheet(null)} />}
      {sheet === 'menu' && (
        <AccountMenu
          user={user}
          view={view}
          unsent={unsentRows}
          outbox={outbox}
          patrolRunning={!!patrol.patrol}
          onClose={() => setSheet(null)}
          onSignOut={() =>
            signOutOfField(() => {
              recorder.dispose();
              outbox.stop();
              net.stop();
            })
          }
        />
      )}
    </div>
  );
}

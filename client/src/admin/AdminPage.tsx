import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { SessionContext } from '../auth/SessionGate.tsx';
import { RoleGate } from '../auth/RoleGate.tsx';
import { SessionControls } from '../auth/SessionControls.tsx';
import { usePageClass } from '../desk/usePageClass.ts';
import { useAdminI18n, type AdminKey } from '../i18n/admin.ts';
import { AuditSection } from './AuditSection.tsx';
import { DisplaysSection } from './DisplaysSection.tsx';
import { ImportSection } from './ImportSection.tsx';
import { useAdminReference } from './useAdminReference.ts';
import { UsersSection } from './UsersSection.tsx';
import '../desk/desk.css';
import './admin.css';

const TABS = ['users', 'displays', 'audit', 'import'] as const;
type Tab = (typeof TABS)[number];

function tabFromHash(): Tab {
  const h = window.location.hash.replace(/^#/, '');
  return (TABS as readonly string[]).includes(h) ? (h as Tab) : 'users';
}

/** `/admin`: accounts, wall displays, the audit log and the district's reference-data import. */
export default function AdminPage({ session }: { session: SessionContext }) {
  usePageClass('page-desk');
  const { ta } = useAdminI18n();
  return (
    <RoleGate user={session.user} roles={['admin']}>
      <div className="desk admin" data-testid="admin">
        <header className="desk-header">
          <h1>{ta('admin.title')}</h1>
          <span className="desk-header-spacer" />
          <SessionControls user={session.user} userClassName="desk-user" />
        </header>
        <AdminTabs onUnauthorized={session.onUnauthorized} />
      </div>
    </RoleGate>
  );
}

function AdminTabs({ onUnauthorized }: { onUnauthorized: () => void }) {
  const { ta } = useAdminI18n();
  const [tab, setTab] = useState<Tab>(tabFromHash);
  const reference = useAdminReference(onUnauthorized);
  const buttons = useRef(new Map<Tab, HTMLButtonElement>());

  useEffect(() => {
    const onHash = () => setTab(tabFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const choose = useCallback((next: Tab, focus: boolean) => {
    setTab(next);
    window.history.replaceState(window.history.state, '', `#${next}`);
    if (focus) buttons.current.get(next)?.focus();
  }, []);

  // The tab list is one stop for Tab; arrows, Home and End move between tabs (WAI-ARIA tabs pattern).
  const onKeyDown = (e: KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    const to =
      e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : null;
    const edge = e.key === 'Home' ? TABS[0] : e.key === 'End' ? TABS[TABS.length - 1] : null;
    const next = to ?? edge;
    if (next) {
      e.preventDefault();
      choose(next, true);
    }
  };

  return (
    <>
      <div className="admin-tabs" role="tablist" aria-label={ta('admin.title')} onKeyDown={onKeyDown}>
        {TABS.map((id) => (
          <button
            key={id}
            ref={(el) => {
              if (el) buttons.current.set(id, el);
              else buttons.current.delete(id);
            }}
            type="button"
            role="tab"
            id={`admin-tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`admin-panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            className={tab === id ? 'admin-tab admin-tab-on' : 'admin-tab'}
            onClick={() => choose(id, false)}
          >
            {ta(`admin.tab.${id}` as AdminKey)}
          </button>
        ))}
      </div>
      <main className="admin-body" role="tabpanel" id={`admin-panel-${tab}`} aria-labelledby={`admin-tab-${tab}`}>
        {tab === 'users' && <UsersSection reference={reference} onUnauthorized={onUnauthorized} />}
        {tab === 'displays' && <DisplaysSection onUnauthorized={onUnauthorized} />}
        {tab === 'audit' && <AuditSection onUnauthorized={onUnauthorized} />}
        {tab === 'import' && <ImportSection onImported={reference.reload} onUnauthorized={onUnauthorized} />}
      </main>
    </>
  );
}

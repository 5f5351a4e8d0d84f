import { lazy, StrictMode, Suspense, type ComponentType, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { SessionGate, type SessionContext } from './auth/SessionGate.tsx';
import { HomePage } from './home/HomePage.tsx';
import { I18nProvider } from './i18n/I18nProvider.tsx';
import './base.css';

// Each page is its own chunk: the phone's /check never downloads MapLibre or the wall.
const WallPage = lazy(() => import('./wall/WallPage.tsx').then((m) => ({ default: m.WallPage })));
const DispatchPage = lazy(() => import('./desk/DispatchPage.tsx'));
const DeptPage = lazy(() => import('./desk/DeptPage.tsx'));
const CheckPage = lazy(() => import('./check/CheckPage.tsx'));
// The field app has its own session gate: it must open offline with the last signed-in user.
const FieldApp = lazy(() => import('./field/FieldApp.tsx'));
const MeetingPage = lazy(() => import('./meeting/MeetingPage.tsx'));
// No session gate: the public page is for everyone and calls only the public endpoints.
const AdminPage = lazy(() => import('./admin/AdminPage.tsx'));
const PublicPage = lazy(() => import('./public/PublicPage.tsx'));

/** A signed-in page, loaded when its route is opened. */
function signedIn(Page: ComponentType<{ session: SessionContext }>): ReactNode {
  return (
    <SessionGate>
      {(session) => (
        <Suspense fallback={<div className="gate-message">…</div>}>
          <Page session={session} />
        </Suspense>
      )}
    </SessionGate>
  );
}

/**
 * A path router small enough to read: each page is a full load (a wall opens one URL and stays
 * there for weeks), so there is no client-side navigation to manage.
 */
function route(pathname: string) {
  const path = pathname.replace(/\/+$/, '') || '/';
  switch (path) {
    case '/wall':
      return (
        <SessionGate enroll keepPageVisible>
          {(session) => (
            <Suspense fallback={<div className="gate-message">…</div>}>
              <WallPage onUnauthorized={session.onUnauthorized} epoch={session.epoch} />
            </Suspense>
          )}
        </SessionGate>
      );
    case '/dispatch':
      return signedIn(DispatchPage);
    case '/dept':
      return signedIn(DeptPage);
    case '/check':
      return signedIn(CheckPage);
    case '/field':
      return (
        <Suspense fallback={<div className="gate-message">…</div>}>
          <FieldApp />
        </Suspense>
      );
    case '/meeting':
      return signedIn(MeetingPage);
    case '/admin':
      return signedIn(AdminPage);
    case '/public':
      return (
        <Suspense fallback={<div className="gate-message">…</div>}>
          <PublicPage />
        </Suspense>
      );
    case '/':
      return <HomePage />;
    default:
      return <HomePage unknownPath={pathname} />;
  }
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <I18nProvider>{route(window.location.pathname)}</I18nProvider>
  </StrictMode>,
);

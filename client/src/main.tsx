import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SessionGate } from './auth/SessionGate.tsx';
import { HomePage } from './home/HomePage.tsx';
import { I18nProvider } from './i18n/I18nProvider.tsx';
import { WallPage } from './wall/WallPage.tsx';
import './base.css';

/**
 * A path router small enough to read: each page is a full load (a wall opens one URL and stays
 * there for weeks), so there is no client-side navigation to manage.
 */
function route(pathname: string) {
  const path = pathname.replace(/\/+$/, '') || '/';
  switch (path) {
    case '/wall':
      return <SessionGate>{(session) => <WallPage onUnauthorized={session.onUnauthorized} epoch={session.epoch} />}</SessionGate>;
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

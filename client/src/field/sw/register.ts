/**
 * Registers the field app's service worker (built by client/sw/plugin.ts into dist/sw.js) for
 * /field only. It is registered after the page has loaded and gone idle, so its precache
 * download never competes with the first load on a slow connection.
 */
export function registerFieldServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () =>
    navigator.serviceWorker.register('/sw.js', { scope: '/field' }).catch((err) => console.warn('[sw] registration failed', err));
  const later = () =>
    typeof window.requestIdleCallback === 'function' ? window.requestIdleCallback(register, { timeout: 5000 }) : setTimeout(register, 1000);
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
}

/** Makes /field installable: the manifest and theme colour, added only on this page (index.html is shared). */
export function addFieldManifest(): void {
  if (!document.querySelector('link[rel="manifest"]')) {
    const link = document.createElement('link');
    link.rel = 'manifest';
    link.href = '/manifest.webmanifest';
    document.head.append(link);
  }
  let theme = document.querySelector<HTMLMetaElement>('meta[name="theme-color"]');
  if (!theme) {
    theme = document.createElement('meta');
    theme.name = 'theme-color';
    document.head.append(theme);
  }
  theme.content = '#0b2545';
}

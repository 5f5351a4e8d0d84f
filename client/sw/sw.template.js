/* global self, caches, location, VERSION, PRECACHE */
/*
 * The field app's service worker (scope /field). client/sw/plugin.ts prepends the build's asset
 * list as PRECACHE and its hash as VERSION, so every build installs a new worker.
 *
 * - Install: caches the app shell (/field) and every built asset, so the app opens with no network.
 * - Navigations: network first (a deployment is picked up at once), the cached shell when the
 *   network fails or is too slow to wait for.
 * - Built assets (/assets/*, hashed, immutable) and the icons: cache first.
 * - /config.js: network first, cached copy offline.
 * - /api and /socket.io are never touched: the app's outbox deals with the network itself.
 */
const CACHE = `streetchief-field-${VERSION}`;
const SHELL = '/field';
const PRECACHED = new Set(PRECACHE);
/** A navigation waits this long for the network before the cached shell is used (bad signal). */
const NAVIGATION_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll([SHELL, '/config.js', ...PRECACHE].map((url) => new Request(url, { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key.startsWith('streetchief-field-') && key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

async function networkFirst(request, cacheKey, timeoutMs) {
  const cache = await caches.open(CACHE);
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs)),
    ]);
    if (response.ok) await cache.put(cacheKey, response.clone());
    return response;
  } catch (err) {
    const cached = await cache.match(cacheKey);
    if (cached) return cached;
    throw err;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/socket.io/')) return;
  if (request.mode === 'navigate') {
    // Every page of the client is the same index.html: keep one copy, under the shell's URL.
    event.respondWith(networkFirst(request, SHELL, NAVIGATION_TIMEOUT_MS));
  } else if (url.pathname === '/config.js') {
    event.respondWith(networkFirst(request, '/config.js', NAVIGATION_TIMEOUT_MS));
  } else if (url.pathname.startsWith('/assets/') || PRECACHED.has(url.pathname)) {
    event.respondWith(cacheFirst(request));
  }
});

import type { IncomingMessage } from 'node:http';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { forbidden } from './errors.ts';

/** What the protective headers and the origin check depend on. */
export interface SecurityOptions {
  /** Served over HTTPS (COOKIE_SECURE): only then is HSTS sent and plain-http subresources upgraded. */
  cookieSecure: boolean;
  /** Origins besides the site's own that may send state-changing requests (ALLOWED_ORIGINS). */
  allowedOrigins: readonly string[];
  /** The MapLibre style of a site with a tile server: its origin may be fetched and drawn from. */
  basemapStyleUrl: string | null;
}

/** Express's compiled `trust proxy` setting: whether the hop at `addr` may speak for the client. */
export type TrustFn = (addr: string | undefined, hop: number) => boolean;

/** The reason in the 403 body, so a refused client (and a test) can tell this check from a role check. */
export const CROSS_ORIGIN_REASON = 'cross-origin request refused';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `scheme://host[:port]` in the form browsers send in `Origin`, or null when it does not parse as one. */
export function normalizeOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/**
 * The site's own origin as the browser sees it: the scheme and host the request arrived with, or,
 * from a proxy that `trust proxy` trusts, the ones it forwarded (X-Forwarded-Proto/-Host). The same
 * reading as Express's `req.protocol` and `req.host`, written over the raw request so that the
 * Socket.IO handshake, which never passes through Express, is judged by the same rule.
 */
export function siteOrigin(req: IncomingMessage, trust: TrustFn): string | null {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.split(',')[0]?.trim() || undefined;
  const trusted = trust(req.socket.remoteAddress, 0);
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const scheme = (trusted && first(req.headers['x-forwarded-proto'])) || (encrypted ? 'https' : 'http');
  const host = (trusted && first(req.headers['x-forwarded-host'])) || req.headers.host;
  return host ? normalizeOrigin(`${scheme}://${host}`) : null;
}

/**
 * Why a request may not act with the user's cookie, or null when it may. A browser names the page
 * that made a request in `Origin` (on every POST and WebSocket handshake); it must be this site or
 * one of the allowed origins. Without `Origin`, `Sec-Fetch-Site: cross-site` still gives a foreign
 * page away; with neither header the request is not from a current browser (curl, another server).
 */
export function crossOriginRefusal(req: IncomingMessage, trust: TrustFn, allowed: ReadonlySet<string>): string | null {
  const origin = req.headers.origin;
  if (origin === undefined) return req.headers['sec-fetch-site'] === 'cross-site' ? CROSS_ORIGIN_REASON : null;
  const normalized = normalizeOrigin(origin);
  if (normalized && (allowed.has(normalized) || normalized === siteOrigin(req, trust))) return null;
  return CROSS_ORIGIN_REASON;
}

/** A Content-Security-Policy origin for the basemap style URL, if it is on another server. */
function basemapSource(url: string | null): string[] {
  const origin = url ? normalizeOrigin(url) : null;
  return origin ? [origin] : [];
}

/**
 * Protective headers for every response, the origin check for state-changing API requests, and
 * `Cache-Control: no-store` on API answers (they hold case data; a route that may be cached sets
 * its own header, which replaces this one because it is set later).
 */
export function security(opts: SecurityOptions): express.Router {
  const basemap = basemapSource(opts.basemapStyleUrl);
  const allowed = new Set(opts.allowedOrigins);
  const router = express.Router();
  router.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          baseUri: ["'self'"],
          // The built client is files only; /config.js is a same-origin script.
          scriptSrc: ["'self'"],
          scriptSrcAttr: ["'none'"],
          // Style sheets are files. Style attributes stay allowed: ECharts writes its tooltip as HTML
          // with inline styles; a style attribute cannot run code.
          styleSrc: ["'self'"],
          styleSrcAttr: ["'unsafe-inline'"],
          // MapLibre's stylesheet draws its controls from data: SVGs; photos are previewed from blob:
          // URLs; a basemap's tiles and sprites come from its server.
          imgSrc: ["'self'", 'data:', 'blob:', ...basemap],
          fontSrc: ["'self'"],
          // API and Socket.IO ('self' covers ws: and wss: to this host), and the basemap's style and tiles.
          connectSrc: ["'self'", ...basemap],
          // MapLibre starts its worker from a blob: URL; the field app's service worker is /sw.js.
          workerSrc: ["'self'", 'blob:'],
          manifestSrc: ["'self'"],
          objectSrc: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          // On plain http (a LAN demo) upgrading would point every request at a port that is not there.
          ...(opts.cookieSecure ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      strictTransportSecurity: opts.cookieSecure ? { maxAge: 180 * 24 * 3600 } : false,
      referrerPolicy: { policy: 'same-origin' },
      xFrameOptions: { action: 'deny' },
    }),
  );
  router.use('/api', (req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    if (!STATE_CHANGING.has(req.method)) return next();
    const reason = crossOriginRefusal(req, req.app.get('trust proxy fn') as TrustFn, allowed);
    next(reason ? forbidden(reason) : undefined);
  });
  return router;
}

/**
 * Socket.IO's `allowRequest`: the same origin rule for the handshake, so a page on another site
 * cannot open a socket that streams case data under the user's cookie (SameSite does not cover
 * WebSockets). Refused handshakes get 403 before any Socket.IO packet. `app` is the Express app
 * whose `trust proxy` setting decides which forwarded headers count.
 */
export function socketOriginCheck(
  allowedOrigins: readonly string[],
  app: () => Express | null,
): (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void) => void {
  const allowed = new Set(allowedOrigins);
  return (req, callback) => {
    const current = app();
    if (!current) return callback('starting', false);
    const reason = crossOriginRefusal(req, current.get('trust proxy fn') as TrustFn, allowed);
    callback(reason, reason === null);
  };
}

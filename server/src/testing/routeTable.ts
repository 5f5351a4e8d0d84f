import type { Express } from 'express';

/**
 * The route table (http/routeSpecs.ts) as the fuzz test uses it, and the routes Express has
 * registered, to compare the two.
 */
export { ROUTES, type Method, type RouteSpec } from '../http/routeSpecs.ts';

/** `GET /api/x` for a route: how the table and Express are compared. */
export const routeKey = (r: { method: string; path: string }) => `${r.method.toUpperCase()} ${r.path}`;

interface LayerLike {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
  rawPath?: unknown;
  slash?: boolean;
}

/**
 * The routes an Express 5 app has registered, as `METHOD /path` keys: its router's layers, with
 * routers mounted by `app.use(router)` or `app.use('/prefix', router)` walked into. Middleware
 * (`app.use(fn)`) is not a route and is left out; a regular-expression route (the client's
 * catch-all page) is listed by its source.
 */
export function registeredRoutes(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: LayerLike[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const p of paths) {
          const path = p instanceof RegExp ? `regexp:${p.source}` : prefix + String(p);
          for (const [m, on] of Object.entries(layer.route.methods)) if (on && m !== '_all') out.push(routeKey({ method: m, path }));
        }
      } else if (layer.handle?.stack) {
        const mount = layer.slash || layer.rawPath === '/' ? '' : String(layer.rawPath ?? '');
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  const router = (app as unknown as { router: { stack: LayerLike[] } }).router;
  walk(router.stack, '');
  return out;
}

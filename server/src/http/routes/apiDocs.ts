import { Router } from 'express';
import { openApiDocument, openApiPath } from '../openapi.ts';
import { ROUTES } from '../routeSpecs.ts';

/** The API's version as the document states it: the date its last change was made. */
export const API_VERSION = '2026-12-04';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * GET /api/openapi.json (OpenAPI 3.1, made once from the route table) and GET /api/docs, the
 * same as a plain page to read: no script, no style beyond the browser's, so it works under the
 * site's content security policy and on any screen.
 */
export function apiDocRoutes(): Router {
  const r = Router();
  let doc: Record<string, unknown> | null = null;
  const document = () => (doc ??= openApiDocument(ROUTES, API_VERSION));
  r.get('/api/openapi.json', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json(document());
  });
  r.get('/api/docs', (_req, res) => {
    const rows = ROUTES.map(
      (x) =>
        `<tr><td><code>${x.method}</code></td><td><code>${escape(openApiPath(x.path))}</code></td><td>${escape(x.summary)}</td><td>${
          x.as === null ? (x.apiKey ? 'api_key' : 'public') : 'session'
        }</td></tr>`,
    ).join('\n');
    res.type('html').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>StreetChief API</title></head><body>
<h1>StreetChief 街长制指挥平台 API</h1>
<p>Version ${API_VERSION}. The machine-readable description is <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1, with every parameter's schema). Sign in with <code>POST /api/session</code>; the session cookie authorises the rest.</p>
<table border="1" cellpadding="4"><thead><tr><th>method</th><th>path</th><th>what</th><th>who</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>`);
  });
  return r;
}

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

const README = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../README.md');

/**
 * The /api paths the README names (`GET /api/incidents/:id`, `/api/exports/stats.{csv,xlsx}`,
 * `/api/admin/users/:id/{disable,enable,reset-password}`, `/api/photos?id=`), each alternative
 * spelled out, query strings dropped.
 */
function readmeApiPaths(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/\/api\/[A-Za-z0-9_\-/.:{},]*[A-Za-z0-9_}]/g)) {
    const expand = (p: string): string[] => {
      const alt = /\{([^{}]*,[^{}]*)\}/.exec(p);
      return alt ? alt[1]!.split(',').flatMap((a) => expand(p.replace(alt[0], a))) : [p];
    };
    for (const p of expand(m[0])) found.add(p.replace(/\/$/, ''));
  }
  return [...found];
}

/** Does a concrete or `:param` path fall under an OpenAPI path template? */
function covers(template: string, p: string): boolean {
  const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+');
  return new RegExp(`^${pattern}$`).test(p.replace(/:(\w+)/g, 'x'));
}

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.stop());

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const res = await fetch(`${s.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string };
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('lists every /api route the README names, and the page to read shows each', async () => {
    const doc = (await (await fetch(`${s.url}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
    const templates = Object.keys(doc.paths);
    const named = readmeApiPaths(fs.readFileSync(README, 'utf8'));
    expect(named.length).toBeGreaterThan(30);
    expect(named.filter((p) => !templates.some((t) => covers(t, p)))).toEqual([]);

    const page = await fetch(`${s.url}/api/docs`);
    expect(page.headers.get('content-type')).toMatch(/html/);
    const html = await page.text();
    for (const t of templates) expect(html).toContain(`<code>${t}</code>`);
  });

  it('describes a route by the schema it parses with: a case report needs its id, class and place', async () => {
    const doc = (await (await fetch(`${s.url}/api/openapi.json`)).json()) as any;
    const report = doc.paths['/api/incidents'].post;
    const body = report.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['id', 'category', 'description', 'lng', 'lat']));
    expect(report.security).toEqual([{ session: [] }]);
    const list = doc.paths['/api/incidents'].get.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`);
    expect(list).toEqual(expect.arrayContaining(['query:status', 'query:activeSince', 'query:caseNo']));
    expect(doc.paths['/api/public/stats'].get.security).toEqual([]);
  });
});

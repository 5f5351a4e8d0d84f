import { z } from 'zod';
import { SESSION_COOKIE } from '../auth/sessions.ts';
import type { RouteSpec } from './routeSpecs.ts';

/**
 * The OpenAPI 3.1 document of the HTTP API, made from the route table (routeSpecs.ts) and the zod
 * schemas the routes parse with: nothing is described twice, so the document cannot drift from
 * what the server accepts. JSON Schema 2020-12 is OpenAPI 3.1's own dialect, so zod's output is
 * used as it is. Answers are described by status (the server validates what it receives, not
 * what it sends); every error has the one error shape.
 */

type JsonSchema = Record<string, unknown>;

const jsonSchema = (s: z.ZodType): JsonSchema => {
  const { $schema: _, ...rest } = z.toJSONSchema(s, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

const RAW_TYPES: Record<'image' | 'file', string[]> = {
  image: ['image/jpeg', 'image/png', 'image/webp'],
  file: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/geo+json'],
};

/** `/api/incidents/:id/actions` → `/api/incidents/{id}/actions`; `.:format` → `.{format}`. */
export const openApiPath = (expressPath: string) => expressPath.replace(/:(\w+)/g, '{$1}');

/** A section per area: `/api/admin/users` → admin, `/open311/v2/…` → open311. */
const tagOf = (path: string) =>
  path.startsWith('/open311') ? 'open311' : (path.split('/')[2] ?? 'service').replace(/\..*$/, '') || 'service';

function parameters(r: RouteSpec): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const [name, schema] of Object.entries(r.params ?? {})) out.push({ name, in: 'path', required: true, schema: jsonSchema(schema) });
  if (r.query) {
    const q = jsonSchema(r.query);
    const required = new Set((q.required as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries((q.properties as Record<string, JsonSchema> | undefined) ?? {}))
      out.push({ name, in: 'query', required: required.has(name), schema });
  }
  return out;
}

function requestBody(r: RouteSpec): JsonSchema | undefined {
  if (!r.body) return undefined;
  if ('raw' in r.body) {
    const binary = { type: 'string', contentMediaType: 'application/octet-stream' };
    return { required: true, content: Object.fromEntries(RAW_TYPES[r.body.raw].map((t) => [t, { schema: binary }])) };
  }
  const schema = jsonSchema(r.body);
  // Open311 posts are form-encoded by the spec; JSON is taken too.
  const types = r.path.startsWith('/open311') ? ['application/x-www-form-urlencoded', 'application/json'] : ['application/json'];
  return { required: true, content: Object.fromEntries(types.map((t) => [t, { schema }])) };
}

const ERROR_RESPONSES: Record<string, string> = {
  '400': 'Bad input: the field and the reason; nothing changed',
  '401': 'Not signed in',
  '403': 'Not allowed for this role or scope',
  '404': 'No such thing (or not visible to this user)',
  '409': 'An illegal transition or a stale version; nothing changed',
  '503': 'Storage cannot serve now: retry after Retry-After seconds',
};

function operation(r: RouteSpec): JsonSchema {
  const errors = Object.entries(ERROR_RESPONSES).filter(([code]) => code !== '401' || r.as !== null);
  const open311 = r.path.startsWith('/open311');
  const error = open311 ? { $ref: '#/components/schemas/Open311Errors' } : { $ref: '#/components/schemas/Error' };
  return {
    operationId: `${r.method.toLowerCase()}${r.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    summary: r.summary,
    tags: [tagOf(r.path)],
    ...(r.as !== null
      ? { security: [{ session: [] }] }
      : r.apiKey
        ? { description: 'Authorised by the client’s `api_key` field.' }
        : { security: [] }),
    parameters: parameters(r),
    ...(requestBody(r) ? { requestBody: requestBody(r) } : {}),
    responses: {
      '2XX': { description: 'Done (201 when the call made something new)' },
      ...Object.fromEntries(
        errors.map(([code, description]) => [code, { description, content: { 'application/json': { schema: error } } }]),
      ),
    },
  };
}

/** The whole document for a table of routes. */
export function openApiDocument(routes: readonly RouteSpec[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const r of routes) (paths[openApiPath(r.path)] ??= {})[r.method.toLowerCase()] = operation(r);
  return {
    openapi: '3.1.0',
    info: {
      title: 'StreetChief 街长制指挥平台 API',
      version,
      description:
        'The command platform’s HTTP API. Sign in with POST /api/session; the session cookie authorises the rest. Live events come over Socket.IO (see docs/architecture.md); Open311 GeoReport v2 is under /open311/v2 (docs/interop.md).',
    },
    servers: [{ url: '/' }],
    tags: [...new Set(routes.map((r) => tagOf(r.path)))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'string' }, field: { type: 'string' }, reason: { type: 'string' } },
        },
        Open311Errors: {
          type: 'array',
          items: {
            type: 'object',
            required: ['code', 'description'],
            properties: { code: { type: 'integer' }, description: { type: 'string' } },
          },
        },
      },
    },
  };
}

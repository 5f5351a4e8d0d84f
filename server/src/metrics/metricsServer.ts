import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Request, Response } from 'express';
import type { Metrics } from './metrics.ts';

/**
 * Where /metrics is served, off the public surface: on a port of its own (METRICS_PORT, bound to
 * METRICS_HOST, 127.0.0.1 unless told), and/or on the main port behind a bearer token
 * (METRICS_TOKEN). Neither set: not served at all.
 */
export interface MetricsExposure {
  port: number | null;
  host: string;
  token: string | null;
}

async function send(metrics: Metrics, res: http.ServerResponse): Promise<void> {
  const body = await metrics.registry.metrics();
  res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
  res.end(body);
}

/** The /metrics route of the main port, answering only with the token. */
export function tokenMetricsRoute(metrics: Metrics, token: string) {
  const expected = Buffer.from(`Bearer ${token}`);
  return async (req: Request, res: Response) => {
    const given = Buffer.from(req.get('authorization') ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.status(401).json({ error: 'unauthenticated', reason: 'metrics need Authorization: Bearer METRICS_TOKEN' });
      return;
    }
    await send(metrics, res);
  };
}

/** A server of its own for /metrics; resolves with its port and a close function. */
export async function startMetricsServer(
  metrics: Metrics,
  port: number,
  host: string,
): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('GET /metrics\n');
      return;
    }
    send(metrics, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

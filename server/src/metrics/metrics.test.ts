import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { LiveClient, waitFor } from '../testing/liveClient.ts';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

const TOKEN = 'metrics-token-for-the-test-0123';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ metrics: { port: 0, token: TOKEN } });
});
afterAll(() => s?.stop());

/** A scrape of the metrics port, as Prometheus makes it. */
async function scrape(): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${s.metricsPort}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/plain/);
  return res.text();
}

/** The value of one series (`name{labels}`), 0 when it is not there yet. */
function value(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('/metrics', () => {
  it('shows the counters moving after a report: requests by route, events published, sockets connected', async () => {
    const patrol = await s.login('patrol_liexi');
    const wall = new LiveClient(s.url, await s.login('wall'), s.tail.position);
    await waitFor(() => wall.live);
    const before = await scrape();
    const reports = 'streetchief_http_requests_total{method="POST",route="/api/incidents",status="2xx"}';
    const [lng, lat] = interiorPoint(s.ctx.ref.grids.find((g) => g.code === '35040400200801')!.polygon)!;
    for (let i = 0; i < 3; i++) {
      const r = await s.api('POST', '/api/incidents', {
        cookie: patrol,
        body: { id: randomUUID(), category: 'E0101', description: '指标测试', lng, lat, source: 'patrol' },
      });
      expect(r.status).toBe(201);
    }
    await waitFor(() => wall.liveSeqs.length >= 3);
    const after = await scrape();
    expect(value(after, reports) - value(before, reports)).toBe(3);
    expect(value(after, 'streetchief_events_published_total') - value(before, 'streetchief_events_published_total')).toBe(3);
    expect(value(after, 'streetchief_socket_clients')).toBeGreaterThanOrEqual(1);
    expect(value(after, 'streetchief_event_cursor')).toBe(s.tail.position);
    // Latency by route pattern, never by raw URL (an id would make a series per case).
    expect(after).toContain('streetchief_http_request_duration_seconds_count{method="POST",route="/api/incidents"}');
    expect(after).not.toMatch(/route="\/api\/incidents\/[0-9a-f]{8}-/);
    // The process's own figures, event-loop lag among them, and the database's queue.
    expect(after).toMatch(/^streetchief_nodejs_eventloop_lag_seconds \d/m);
    expect(after).toMatch(/^streetchief_db_connections\{state="total"\} 2$/m);
    wall.close();
  });

  it('is off the public surface: the main port answers only with the token', async () => {
    expect((await fetch(`${s.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${s.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-wrong-token-00' } })).status).toBe(401);
    const ok = await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('streetchief_http_requests_total');
    expect((await fetch(`http://127.0.0.1:${s.metricsPort}/other`)).status).toBe(404);
  });
});

/**
 * Producer for `bench/fanout.bench.ts`, in its own process: `rate` messages a second on a fixed
 * schedule (not waiting for answers), each carrying its send time.
 *
 * - `product`: a report (POST /api/incidents) as a signed-in patrol officer, the send time in its
 *   description; the product commits it and broadcasts the event.
 * - `publish`: POST /publish of `{t, pad}` to a baseline server, which broadcasts the body as is;
 *   `pad` makes it as long as the product's event.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { serveParent } from '../harness/child.ts';
import { reportAt, type Spots } from '../harness/product.ts';
import { epochMs } from '../harness/stats.ts';

export interface ProduceArgs {
  kind: 'product' | 'publish';
  url: string;
  rate: number;
  durationMs: number;
  cookie?: string;
  spots?: Spots;
  /** publish: length of the JSON body to send. */
  payloadBytes?: number;
}

export interface Produced {
  sent: number;
  /** Send times (epoch ms) of the messages the server accepted (2xx), in order. */
  accepted: number[];
  statuses: Record<string, number>;
  errors: number;
  cpuCores: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function post(agent: http.Agent, url: string, body: string, cookie?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    if (cookie) headers.cookie = cookie;
    const req = http.request(url, { method: 'POST', agent, headers }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    req.once('error', reject);
    req.end(body);
  });
}

function bodyOf(a: ProduceArgs, t: number): string {
  // Full precision (a number prints back exactly): the clients compare it with the send window.
  if (a.kind === 'product') return reportAt(a.spots!, randomUUID(), `bench t=${t}`);
  const bare = JSON.stringify({ t, pad: '' });
  return JSON.stringify({ t, pad: 'x'.repeat(Math.max(0, (a.payloadBytes ?? 0) - bare.length)) });
}

async function run(a: ProduceArgs): Promise<Produced> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const url = a.kind === 'product' ? `${a.url}/api/incidents` : `${a.url}/publish`;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const interval = 1000 / a.rate;
  const total = Math.round((a.durationMs / 1000) * a.rate);
  const statuses: Record<string, number> = {};
  const inFlight: Promise<void>[] = [];
  const accepted: number[] = [];
  let errors = 0;
  for (let i = 0; i < total; i++) {
    // On schedule from the start, so a late tick does not push every later one back.
    const wait = t0 + i * interval - performance.now();
    if (wait > 0) await sleep(wait);
    const t = epochMs();
    inFlight.push(
      post(agent, url, bodyOf(a, t), a.cookie).then(
        (s) => {
          statuses[s] = (statuses[s] ?? 0) + 1;
          if (s >= 200 && s < 300) accepted.push(t);
        },
        () => void errors++,
      ),
    );
  }
  await Promise.all(inFlight);
  agent.destroy();
  const c = process.cpuUsage(cpu0);
  accepted.sort((x, y) => x - y);
  return { sent: total, accepted, statuses, errors, cpuCores: (c.user + c.system) / 1000 / (performance.now() - t0) };
}

serveParent({}, { run });

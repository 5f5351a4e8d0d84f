/**
 * Load generator for `bench/ingest.bench.ts`, in its own process: `connections` keep-alive
 * connections, each sending the next report as soon as the last is answered (closed loop), for
 * `warmMs` then `durationMs`. Answers with the throughput and latencies of the measured stretch,
 * the ids of every report answered 201 (for the durability check) and its own CPU use.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { serveParent } from '../harness/child.ts';
import { reportAt, type Spots } from '../harness/product.ts';
import { latencyOf, type Latency } from '../harness/stats.ts';

export interface IngestArgs {
  url: string;
  path: string;
  cookie?: string;
  spots: Spots;
  connections: number;
  warmMs: number;
  durationMs: number;
}

export interface IngestResult {
  /** Answers in the measured stretch per second. */
  rps: number;
  latency: Latency;
  /** Every status answered, warm-up included. */
  statuses: Record<string, number>;
  errors: number;
  /** Ids answered 201, warm-up included. */
  created: string[];
  /** This process's CPU: cores in use on average over the run (1.0 = one core). */
  loadCpuCores: number;
  loadCpuMs: { user: number; system: number };
}

function post(agent: http.Agent, args: IngestArgs, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    if (args.cookie) headers.cookie = args.cookie;
    const req = http.request(`${args.url}${args.path}`, { method: 'POST', agent, headers }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
      res.once('error', reject);
    });
    req.once('error', reject);
    req.end(body);
  });
}

async function run(args: IngestArgs): Promise<IngestResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: args.connections });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const measureFrom = t0 + args.warmMs;
  const end = measureFrom + args.durationMs;
  const statuses: Record<string, number> = {};
  const created: string[] = [];
  const measured: number[] = [];
  let errors = 0;
  let inWindow = 0;
  const worker = async () => {
    while (performance.now() < end) {
      const id = randomUUID();
      const body = reportAt(args.spots, id, `bench ingest ${id.slice(0, 8)}`);
      const start = performance.now();
      try {
        const status = await post(agent, args, body);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status === 201) created.push(id);
        const done = performance.now();
        if (start >= measureFrom && done <= end) {
          measured.push(done - start);
          inWindow++;
        }
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: args.connections }, worker));
  agent.destroy();
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - t0;
  return {
    rps: inWindow / (args.durationMs / 1000),
    latency: latencyOf(measured),
    statuses,
    errors,
    created,
    loadCpuCores: (cpu.user + cpu.system) / 1000 / wall,
    loadCpuMs: { user: cpu.user / 1000, system: cpu.system / 1000 },
  };
}

serveParent({}, { run });

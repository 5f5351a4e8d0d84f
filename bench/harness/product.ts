import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROTOCOL_VERSION } from '@streetchief/shared';
import { interiorPoint } from '@streetchief/shared/geo/index';
import { ROOT } from './child.ts';
import { freePort } from '../../server/scripts/startTime.ts';

/**
 * The product as its own process, started the way a deployment starts it (server/src/main.ts with
 * its environment variables), and driven only through its public HTTP and socket interface, so
 * these benches keep measuring whatever the write path and the broadcaster become.
 */
export interface Product {
  url: string;
  pid: number;
  /** Ends the process: SIGTERM for a clean stop, SIGKILL for a crash (what was acknowledged must survive it). */
  stop: (signal?: 'SIGTERM' | 'SIGKILL') => Promise<void>;
}

/**
 * The checkout whose server is measured: this one, or BENCH_PRODUCT_ROOT (another checkout or an
 * exported commit with its node_modules), to compare two versions with the same bench.
 */
export const PRODUCT_ROOT = process.env.BENCH_PRODUCT_ROOT ? path.resolve(process.env.BENCH_PRODUCT_ROOT) : ROOT;

/** The socket protocol version the measured checkout speaks (this one's, unless BENCH_PRODUCT_ROOT names another). */
export async function productProtocol(): Promise<number> {
  if (PRODUCT_ROOT === ROOT) return PROTOCOL_VERSION;
  const mod = (await import(pathToFileURL(path.join(PRODUCT_ROOT, 'shared/src/domain/socket.ts')).href)) as { PROTOCOL_VERSION: number };
  return mod.PROTOCOL_VERSION;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the product on the SQLite file `sqliteFile` (filled with the demo district when empty); resolves at its first healthy /healthz. */
export async function startProduct(sqliteFile: string): Promise<Product> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    SQLITE_FILE: sqliteFile,
    SEED: 'demo',
    LOG_LEVEL: 'warn',
    // No scheduler scans in the middle of a measurement: the benches measure requests and events.
    SCHEDULER_INTERVAL_SECONDS: '0',
  };
  // SQLite, one node: whatever the shell running the bench points at must not leak in.
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.NODE_ENV;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(PRODUCT_ROOT, 'server/src/main.ts')], {
    cwd: PRODUCT_ROOT,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));
  const url = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  for (;;) {
    if (gone) throw new Error(`the product exited during its start (exit ${child.exitCode})`);
    if (Date.now() - t0 > 180_000) {
      child.kill('SIGKILL');
      throw new Error('the product did not answer /healthz within 180 s');
    }
    const ok = await fetch(`${url}/healthz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    await sleep(100);
  }
  return {
    url,
    pid: child.pid!,
    stop: async (signal = 'SIGTERM') => {
      if (!gone) child.kill(signal);
      await exited;
    },
  };
}

/** Signs in a demo account; returns its Cookie header value. */
export async function login(url: string, username: string, password = 'demo1234'): Promise<string> {
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

async function getJson<T>(url: string, cookie?: string): Promise<T> {
  const res = await fetch(url, { headers: cookie ? { cookie } : {} });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * Where and what the load reports: points inside the grids the signed-in patrol officer may report
 * in, DUPLICATE_SPACING_M apart, and every case class. Spread like this, as a real district's
 * reports are, no report has more than a handful of likely duplicates (same class within 50 m in 7
 * days); a bench sending every report to one spot and class would measure the duplicate lookup
 * of an ever longer list instead of the write path.
 */
export interface Spots {
  points: [number, number][];
  categories: string[];
}

const DUPLICATE_SPACING_M = 60;
const MAX_POINTS = 200;

/** Even-odd rule; enough for the bench's own sampling of a grid's polygon. */
function inside([x, y]: [number, number], polygon: [number, number][][]): boolean {
  let odd = false;
  for (const ring of polygon)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
    }
  return odd;
}

export async function reportSpots(url: string, cookie: string): Promise<Spots> {
  const { user } = await getJson<{ user: { gridCodes?: string[] } }>(`${url}/api/session`, cookie);
  const grids = await getJson<{ features: { id: string; geometry: { coordinates: [number, number][][] } }[] }>(`${url}/api/grids`);
  const { classes } = await getJson<{ classes: { code: string }[] }>(`${url}/api/categories`);
  const mine = grids.features.filter((f) => (user.gridCodes ?? []).includes(f.id));
  const points: [number, number][] = [];
  for (const g of mine.length ? mine : grids.features.slice(0, 1)) {
    const ring = g.geometry.coordinates[0] ?? [];
    const lngs = ring.map((p) => p[0]);
    const lats = ring.map((p) => p[1]);
    const dLat = DUPLICATE_SPACING_M / 111_320;
    const dLng = dLat / Math.cos((((Math.min(...lats) + Math.max(...lats)) / 2) * Math.PI) / 180);
    for (let lat = Math.min(...lats) + dLat / 2; lat < Math.max(...lats); lat += dLat)
      for (let lng = Math.min(...lngs) + dLng / 2; lng < Math.max(...lngs); lng += dLng)
        if (inside([lng, lat], g.geometry.coordinates)) points.push([lng, lat]);
    const centre = interiorPoint(g.geometry.coordinates);
    if (centre) points.push(centre);
  }
  if (!points.length || !classes.length) throw new Error('no grid or no case class to report in');
  // Every other point when there are too many: still spread over all the grids.
  const step = Math.ceil(points.length / MAX_POINTS);
  return { points: points.filter((_, i) => i % step === 0), categories: classes.map((c) => c.code) };
}

/** A random report body at one of `spots`, with `description`. */
export function reportAt(spots: Spots, id: string, description: string): string {
  const [lng, lat] = spots.points[Math.floor(Math.random() * spots.points.length)]!;
  const category = spots.categories[Math.floor(Math.random() * spots.categories.length)]!;
  return JSON.stringify({ id, category, description, lng, lat, source: 'patrol' });
}

/** The newest sequence number in the event log. */
export async function headOf(url: string): Promise<number> {
  return (await getJson<{ head: number }>(`${url}/healthz`)).head;
}

/** Ids of the cases reported by events after `after`, read back page by page through GET /api/events. */
export async function reportedIdsAfter(url: string, cookie: string, after: number): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let seq = after; ;) {
    const page = await getJson<{ events: { seq: number; type: string; kind?: string; incident?: { id: string } }[]; head: number }>(
      `${url}/api/events?after=${seq}&limit=1000`,
      cookie,
    );
    for (const e of page.events) if (e.type === 'incident' && e.kind === 'report' && e.incident) ids.add(e.incident.id);
    const last = page.events.at(-1);
    if (!last || last.seq >= page.head) return ids;
    seq = last.seq;
  }
}

/**
 * Page-weight budgets, checked from the build's own manifest (`dist/.vite/manifest.json`), so the
 * build fails when a route grows past its budget. Run after `vite build` (the root `npm run build`
 * does both); exits 1 past a budget, 2 when the manifest or the budgets file is wrong.
 *
 * What "initial" means for a route. The app is one HTML entry (`index.html` → `src/main.tsx`)
 * whose router opens each page with `React.lazy`, so a route's first paint needs:
 *   - the entry chunk and every chunk it imports statically, with their CSS, and
 *   - for each module the route names in `budgets.json` (`firstPaint`: the page module the router
 *     lazily imports for that path, plus any lazy chunk the page cannot paint its content
 *     without), that chunk and its static imports, with their CSS.
 * Dynamic imports are not followed otherwise: a chunk behind its own Suspense placeholder, which
 * the page paints around (the public page's trend chart and map beside its tables, the field
 * app's map once the browser is idle, a desk's case map when a drawer opens), is not first paint,
 * even when it is requested at once. It is shown in the "later" column: everything the route's
 * chunks can reach through dynamic imports (not the entry's: those are the other routes), so
 * "initial + later" is what a route downloads in all, and a deferred chunk stays visible.
 * Each file counts once per route. Sizes are gzip at zlib's default level (6), which is what the
 * server's `compression()` middleware sends; 1 KiB = 1024 bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

/** One entry of Vite's build manifest (the fields this script reads). */
export interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

/**
 * `client/budgets.json`: the HTML entry's manifest key and, per route, its budget, its first-paint
 * modules and, where the budget is not yet the goal, a note saying why.
 */
export interface Budgets {
  entry: string;
  routes: Record<string, { budgetKiB: number; firstPaint: string[]; note?: string }>;
}

export interface RouteWeight {
  route: string;
  /** Files (relative to dist/) the route's first paint loads. */
  initialFiles: string[];
  initialBytes: number;
  /** Files reachable only through dynamic imports from the route's chunks. */
  laterBytes: number;
  budgetBytes: number;
  ok: boolean;
}

const KiB = 1024;

function chunk(manifest: Manifest, key: string): ManifestChunk {
  const c = manifest[key];
  if (!c) throw new BudgetConfigError(`"${key}" is not in the build manifest (renamed or moved?)`);
  return c;
}

/**
 * The manifest keys reachable from `roots` through static imports, and also through the dynamic
 * imports of the keys for which `followDynamic` says so.
 */
export function closure(manifest: Manifest, roots: string[], followDynamic: (key: string) => boolean = () => false): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const key = stack.pop()!;
    if (seen.has(key)) continue;
    seen.add(key);
    const c = chunk(manifest, key);
    stack.push(...(c.imports ?? []));
    if (followDynamic(key)) stack.push(...(c.dynamicImports ?? []));
  }
  return seen;
}

/** The output files (JS and CSS) of a set of manifest keys. */
export function filesOf(manifest: Manifest, keys: Iterable<string>): Set<string> {
  const files = new Set<string>();
  for (const key of keys) {
    const c = chunk(manifest, key);
    files.add(c.file);
    for (const css of c.css ?? []) files.add(css);
  }
  return files;
}

/** Weighs every route in `budgets` with `sizeOf(file)` (gzip bytes of a dist file). */
export function weighRoutes(manifest: Manifest, budgets: Budgets, sizeOf: (file: string) => number): RouteWeight[] {
  const entry = chunk(manifest, budgets.entry);
  if (!entry.isEntry) throw new BudgetConfigError(`"${budgets.entry}" is not an entry chunk`);
  // A page the router can open but no route weighs would grow unchecked.
  const weighed = new Set(Object.values(budgets.routes).flatMap((r) => r.firstPaint));
  const unweighed = (entry.dynamicImports ?? []).filter((page) => !weighed.has(page));
  if (unweighed.length > 0) throw new BudgetConfigError(`no route in the budgets opens ${unweighed.join(', ')}`);
  const sum = (files: Iterable<string>) => [...files].reduce((n, f) => n + sizeOf(f), 0);
  return Object.entries(budgets.routes).map(([route, { budgetKiB, firstPaint }]) => {
    const roots = [budgets.entry, ...firstPaint];
    const initial = filesOf(manifest, closure(manifest, roots));
    // The entry's own dynamic imports are the other routes' pages, not this route's later loads.
    const reachable = filesOf(
      manifest,
      closure(manifest, roots, (key) => key !== budgets.entry),
    );
    const later = [...reachable].filter((f) => !initial.has(f));
    const initialBytes = sum(initial);
    const budgetBytes = Math.round(budgetKiB * KiB);
    return {
      route,
      initialFiles: [...initial].sort(),
      initialBytes,
      laterBytes: sum(later),
      budgetBytes,
      ok: initialBytes <= budgetBytes,
    };
  });
}

/** The table printed after each build. */
export function formatTable(rows: RouteWeight[]): string {
  const kib = (n: number) => (n / KiB).toFixed(1);
  const header = ['route', 'initial KiB', 'budget KiB', 'later KiB', 'files', ''];
  const body = rows.map((r) => [
    r.route,
    kib(r.initialBytes),
    kib(r.budgetBytes),
    kib(r.laterBytes),
    String(r.initialFiles.length),
    r.ok ? 'ok' : 'OVER BUDGET',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), ...body.map(line)].join('\n').replace(/ +$/gm, '');
}

/** A manifest or budgets file that cannot be checked (as opposed to a route over its budget). */
export class BudgetConfigError extends Error {}

/** Reads the build and the budgets, prints the table, and returns the exit code. */
export function checkBuild(distDir: string, budgetsFile: string, log: (line: string) => void = console.log): number {
  try {
    const manifestFile = path.join(distDir, '.vite', 'manifest.json');
    if (!fs.existsSync(manifestFile)) throw new BudgetConfigError(`${manifestFile} is missing: build with build.manifest`);
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
    const budgets = JSON.parse(fs.readFileSync(budgetsFile, 'utf8')) as Budgets;
    const sizes = new Map<string, number>();
    const sizeOf = (file: string) => {
      let n = sizes.get(file);
      if (n === undefined) sizes.set(file, (n = gzipSync(fs.readFileSync(path.join(distDir, file))).length));
      return n;
    };
    const rows = weighRoutes(manifest, budgets, sizeOf);
    log('Initial JS+CSS per route, gzip (client/scripts/budgets.ts says what counts):');
    log(formatTable(rows));
    const over = rows.filter((r) => !r.ok);
    if (over.length === 0) return 0;
    log(`Over budget: ${over.map((r) => r.route).join(', ')}. Cut the weight, or raise the budget in client/budgets.json and say why.`);
    return 1;
  } catch (err) {
    if (!(err instanceof BudgetConfigError)) throw err;
    log(`Page budgets cannot be checked: ${err.message}`);
    return 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const client = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  process.exitCode = checkBuild(path.join(client, 'dist'), path.join(client, 'budgets.json'));
}

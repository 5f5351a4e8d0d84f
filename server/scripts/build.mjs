/**
 * The production build of the server (`npm run build -w server`): esbuild bundles the server
 * (src/main.ts → dist/main.js) and the operators' CLI (src/cli/main.ts → dist/cli.js), so a start
 * runs plain JavaScript instead of transpiling TypeScript through tsx every time.
 *
 * - The workspace package @streetchief/shared is bundled in (its exports point at .ts sources,
 *   which Node cannot run), and so are ES module packages; CommonJS packages stay external
 *   (see externalPackages below).
 * - Source maps beside the bundles; `node --enable-source-maps` makes stack traces name .ts lines.
 * - Worker threads are plain JS files next to their loader (`new URL('./x.worker.mjs',
 *   import.meta.url)`): every src/**\/*.worker.mjs is copied flat into dist/, where that URL
 *   resolves once the loader is inside dist/main.js. A worker must therefore import only packages
 *   and built-ins, not files beside it.
 * - Both bundles sit one folder below server/, as src/main.ts does, so paths the server computes
 *   from its own location (../../client/dist) resolve the same from dist/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.join(serverDir, 'src');
// `node scripts/build.mjs [outdir]`: dist/ unless told (the compiled-start test builds its own).
const outDir = path.resolve(serverDir, process.argv[2] ?? 'dist');

/** The package name in a bare import: `kysely`, `@turf/union`, `csv-parse/sync` → `csv-parse`. */
const packageName = (spec) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/');

/** Is the package, as Node would find it from `dir`, an ES module package ("type": "module")? */
const esmCache = new Map();
function isEsmPackage(name, dir) {
  for (let d = dir; ; d = path.dirname(d)) {
    const manifest = path.join(d, 'node_modules', name, 'package.json');
    if (!esmCache.has(manifest) && fs.existsSync(manifest)) {
      esmCache.set(manifest, JSON.parse(fs.readFileSync(manifest, 'utf8')).type === 'module');
    }
    if (esmCache.has(manifest)) return esmCache.get(manifest);
    if (d === path.dirname(d)) return false;
  }
}

/**
 * Which bare imports are bundled: the workspace's own TypeScript package, and ES module packages
 * (kysely, zod, date-fns, turf, …). Node loads an ES module package file by file, resolving and
 * parsing hundreds of small modules at each start (kysely alone is 265 files), while in the bundle
 * they cost only their code; they need no `require` and read no files of their own. CommonJS
 * packages stay external, loaded by Node as installed: native better-sqlite3, pino's worker files,
 * optional peers found at run time.
 */
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || args.path.startsWith('@streetchief/')) return undefined;
      return isEsmPackage(packageName(args.path), args.resolveDir) ? undefined : { external: true };
    });
  },
};

const workers = fs
  .readdirSync(srcDir, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.worker.mjs'));
const flatNames = new Map();
for (const f of workers) {
  const name = path.basename(f);
  if (flatNames.has(name)) throw new Error(`two workers named ${name}: ${flatNames.get(name)} and ${f} (dist/ is flat)`);
  flatNames.set(name, f);
}

fs.rmSync(outDir, { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: serverDir,
  entryPoints: { main: 'src/main.ts', cli: 'src/cli/main.ts' },
  outdir: outDir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Code loaded only on some starts (the Redis adapter, behind a dynamic import) gets its own
  // chunk instead of having its packages imported at the top of main.js. Chunks sit in dist/ too.
  splitting: true,
  sourcemap: true,
  // Stack traces need only the mappings; leaving the sources out halves what a start reads.
  sourcesContent: false,
  // Class and function names as written, for logs and stack traces.
  keepNames: true,
  plugins: [externalPackages],
  logLevel: 'warning',
});
for (const [name, f] of flatNames) fs.copyFileSync(path.join(srcDir, f), path.join(outDir, name));
console.log(
  `server built in ${path.relative(serverDir, outDir)}/: main.js, cli.js${workers.length ? `, ${[...flatNames.keys()].join(', ')}` : ''}`,
);

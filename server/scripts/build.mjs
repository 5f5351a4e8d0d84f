/**
 * The production build of the server (`npm run build -w server`): esbuild bundles the server
 * (src/main.ts → dist/main.js) and the operators' CLI (src/cli/main.ts → dist/cli.js), so a start
 * runs plain JavaScript instead of transpiling TypeScript through tsx every time.
 *
 * - The workspace package @streetchief/shared is bundled in (its exports point at .ts sources,
 *   which Node cannot run), and so are ES module packages; CommonJS packages stay in
 *   node_modules (see `packages` below).
 * - Source maps beside the bundles; `node --enable-source-maps` makes stack traces name .ts lines.
 * - Worker threads are plain JS files next to their loader (`new URL('./x.worker.mjs',
 *   import.meta.url)`): every src/**\/*.worker.mjs is copied flat into dist/, where that URL
 *   resolves once the loader is inside dist/main.js. A worker must therefore import only packages
 *   and built-ins, not files beside it.
 * - Both bundles sit one folder below server/, as src/main.ts does, so paths the server computes
 *   from its own location (../../client/dist) resolve the same from dist/ (not from an outdir
 *   elsewhere: the compiled-start test's own build serves no client).
 */
import fs from 'node:fs';
import { isBuiltin } from 'node:module';
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
 * Which bare imports are bundled, and how the rest are loaded.
 *
 * - Bundled: the workspace's own TypeScript package, and ES module packages (kysely, zod,
 *   date-fns, turf, …). Node would load those file by file, resolving and parsing hundreds of
 *   small modules at each start (kysely alone is 265 files); they need no `require` and read no
 *   files of their own.
 * - CommonJS packages stay in node_modules, as installed (native better-sqlite3, pino's worker
 *   files, optional peers found at run time), and are loaded with `require` rather than `import`:
 *   importing CommonJS from ESM makes Node scan each package's source for its export names first,
 *   and esbuild puts every external `import` at the top of the bundle, so a package behind a
 *   dynamic `import()` (redis, exceljs) would still load at every start. Each one becomes a
 *   one-line module, `module.exports = require('pkg')`, that esbuild wraps and runs at its first
 *   use (a dynamic import then loads it only when that code runs).
 */
const CJS = 'cjs-package';
const packages = {
  name: 'packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (isBuiltin(args.path)) return { external: true };
      if (args.namespace === CJS) return { path: args.path, external: true };
      if (args.path.startsWith('@streetchief/') || isEsmPackage(packageName(args.path), args.resolveDir)) return undefined;
      return { path: args.path, namespace: CJS };
    });
    build.onLoad({ filter: /.*/, namespace: CJS }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
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
  sourcemap: true,
  // Stack traces need only the mappings; leaving the sources out halves what a start reads.
  sourcesContent: false,
  // Class and function names as written, for logs and stack traces.
  keepNames: true,
  plugins: [packages],
  // The `require` those one-line modules call: ESM has none of its own.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
for (const [name, f] of flatNames) fs.copyFileSync(path.join(srcDir, f), path.join(outDir, name));
console.log(
  `server built in ${path.relative(serverDir, outDir)}/: main.js, cli.js${workers.length ? `, ${[...flatNames.keys()].join(', ')}` : ''}`,
);

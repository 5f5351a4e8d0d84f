import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkBuild, type Budgets, type Manifest } from './budgets.ts';

// A tiny build: one entry that lazily opens two pages; the map page imports a big shared chunk
// statically and lazily opens a chart it draws later.
const manifest: Manifest = {
  'index.html': {
    file: 'assets/index.js',
    isEntry: true,
    imports: ['_react.js'],
    dynamicImports: ['src/Map.tsx', 'src/Text.tsx'],
    css: ['assets/index.css'],
  },
  '_react.js': { file: 'assets/react.js' },
  '_maplib.js': { file: 'assets/maplib.js', css: ['assets/maplib.css'] },
  'src/Map.tsx': { file: 'assets/Map.js', isDynamicEntry: true, imports: ['_maplib.js', 'index.html'], dynamicImports: ['src/Chart.tsx'] },
  'src/Text.tsx': { file: 'assets/Text.js', isDynamicEntry: true, imports: ['_react.js'] },
  'src/Chart.tsx': { file: 'assets/Chart.js', isDynamicEntry: true },
};

/** Random bytes do not compress, so each file's gzip size is its length plus a few bytes of framing. */
const lengths: Record<string, number> = {
  'assets/index.js': 1024,
  'assets/index.css': 512,
  'assets/react.js': 2048,
  'assets/maplib.js': 8192,
  'assets/maplib.css': 1024,
  'assets/Map.js': 1024,
  'assets/Text.js': 512,
  'assets/Chart.js': 4096,
};

let dist: string;
const gz: Record<string, number> = {};

beforeEach(() => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'budgets-'));
  fs.mkdirSync(path.join(dist, '.vite'));
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, '.vite', 'manifest.json'), JSON.stringify(manifest));
  for (const [file, n] of Object.entries(lengths)) {
    const bytes = randomBytes(n);
    fs.writeFileSync(path.join(dist, file), bytes);
    gz[file] = gzipSync(bytes).length;
  }
});

afterEach(() => fs.rmSync(dist, { recursive: true, force: true }));

function run(budgets: Budgets): { code: number; out: string } {
  const file = path.join(dist, 'budgets.json');
  fs.writeFileSync(file, JSON.stringify(budgets));
  const lines: string[] = [];
  const code = checkBuild(dist, file, (line) => lines.push(line));
  return { code, out: lines.join('\n') };
}

const kib = (files: string[]) => files.reduce((n, f) => n + gz[f]!, 0) / 1024;
const mapInitial = ['assets/index.js', 'assets/index.css', 'assets/react.js', 'assets/maplib.js', 'assets/maplib.css', 'assets/Map.js'];
const textInitial = ['assets/index.js', 'assets/index.css', 'assets/react.js', 'assets/Text.js'];

describe('page budgets from the build manifest', () => {
  it('passes when every route is within its budget, counting static imports and their CSS once', () => {
    const { code, out } = run({
      entry: 'index.html',
      routes: {
        '/map': { budgetKiB: kib(mapInitial), firstPaint: ['src/Map.tsx'] },
        '/text': { budgetKiB: kib(textInitial), firstPaint: ['src/Text.tsx'] },
      },
    });
    expect(code).toBe(0);
    const mapRow = out.split('\n').find((l) => l.startsWith('/map'))!;
    // Initial = the six files above (react.js once, the entry once despite Map's import of it);
    // later = the chart it opens afterwards, not the other route's page.
    expect(mapRow.split(/\s+/).slice(1, 6)).toEqual([
      kib(mapInitial).toFixed(1),
      kib(mapInitial).toFixed(1),
      kib(['assets/Chart.js']).toFixed(1),
      '6',
      'ok',
    ]);
  });

  it('fails the build when a route is one KiB past its budget and names the route', () => {
    const { code, out } = run({
      entry: 'index.html',
      routes: {
        '/map': { budgetKiB: kib(mapInitial) - 1, firstPaint: ['src/Map.tsx'] },
        '/text': { budgetKiB: 100, firstPaint: ['src/Text.tsx'] },
      },
    });
    expect(code).toBe(1);
    expect(out).toMatch(/^\/map .*OVER BUDGET$/m);
    expect(out).toMatch(/^\/text .* ok$/m);
    expect(out).toContain('Over budget: /map.');
  });

  it('counts a lazy chunk when the route lists it as first paint', () => {
    const { code, out } = run({
      entry: 'index.html',
      routes: {
        '/map': { budgetKiB: kib(mapInitial) + 1, firstPaint: ['src/Map.tsx', 'src/Chart.tsx'] },
        '/text': { budgetKiB: 100, firstPaint: ['src/Text.tsx'] },
      },
    });
    expect(code).toBe(1);
    expect(out).toMatch(/^\/map +[\d.]+ +[\d.]+ +0\.0 +7 +OVER BUDGET$/m);
  });

  it('refuses to check a budget naming a module the build no longer has, instead of counting it as zero', () => {
    const { code, out } = run({
      entry: 'index.html',
      routes: {
        '/map': { budgetKiB: 100, firstPaint: ['src/Map.tsx', 'src/OldMap.tsx'] },
        '/text': { budgetKiB: 100, firstPaint: ['src/Text.tsx'] },
      },
    });
    expect(code).toBe(2);
    expect(out).toContain('"src/OldMap.tsx" is not in the build manifest');
  });

  it('refuses to check a build whose router opens a page no route weighs', () => {
    const { code, out } = run({ entry: 'index.html', routes: { '/map': { budgetKiB: 100, firstPaint: ['src/Map.tsx'] } } });
    expect(code).toBe(2);
    expect(out).toContain('no route in the budgets opens src/Text.tsx');
  });

  it('refuses to check a build without a manifest', () => {
    fs.rmSync(path.join(dist, '.vite'), { recursive: true });
    const { code, out } = run({ entry: 'index.html', routes: {} });
    expect(code).toBe(2);
    expect(out).toContain('build with build.manifest');
  });
});

/**
 * `npm run bench`: every `bench/*.bench.ts` in turn. Each prints its own figures and the baseline
 * it is compared with, measured in the same run (these machines are shared and noisy: compare
 * ratios measured side by side, never absolute times against a constant).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = import.meta.dirname;
const only = process.argv[2];
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort();
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { run: () => Promise<boolean> };
  const ok = await mod.run();
  console.log(ok ? `--- ${f}: target met` : `--- ${f}: TARGET MISSED`);
  if (!ok) failed++;
}
console.log(`\n${files.length - failed} of ${files.length} benchmarks met their targets`);
process.exit(failed ? 1 : 0);

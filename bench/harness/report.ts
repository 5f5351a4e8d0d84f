import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './child.ts';

/** One line of a bench's summary: a figure of the product beside its baseline from the same run. */
export interface Row {
  figure: string;
  product: string;
  baseline: string;
  ratio: string;
  goal: string;
  /** null: reported, no target. */
  met: boolean | null;
}

/** Prints the rows as an aligned table on stdout. */
export function printTable(rows: Row[]): void {
  const head = ['figure', 'StreetChief', 'baseline, same run', 'ratio', 'goal', 'met?'];
  const cells = rows.map((r) => [r.figure, r.product, r.baseline, r.ratio, r.goal, r.met === null ? '—' : r.met ? 'yes' : 'NO']);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => '  ' + c.map((x, i) => x.padEnd(widths[i]!)).join(' | ');
  console.log(line(head));
  console.log('  ' + widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const c of cells) console.log(line(c));
}

/** Writes the bench's figures to artifacts/bench/<name>.json; returns the path. */
export function writeArtifact(name: string, data: unknown): string {
  const dir = path.join(ROOT, 'artifacts', 'bench');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
  return file;
}

/** BENCH_QUICK=1: a short smoke run (one round, short stretches); its figures are not to be compared. */
export const QUICK = process.env.BENCH_QUICK === '1';

export const fmtMs = (x: number) => (Number.isNaN(x) ? '—' : x < 10 ? `${x.toFixed(2)} ms` : `${x.toFixed(1)} ms`);
export const fmtX = (x: number) => `${x.toFixed(2)}×`;

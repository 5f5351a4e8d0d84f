import fs from 'node:fs';
import os from 'node:os';

/**
 * CPU use of a process by pid, read from /proc (Linux): how the benches measure a server they
 * did not write, such as the product, without touching its code.
 */
const TICK_MS = 10; // CLK_TCK is 100 on Linux x86-64 and arm64.

/** User + system CPU time of `pid` so far, in ms; NaN where /proc is not there. */
export function processCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return NaN;
  }
}

/** Busy and total time summed over all cores so far, for the machine's CPU use between two readings. */
export function machineTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const c of os.cpus()) {
    const t = c.times;
    const all = t.user + t.nice + t.sys + t.idle + t.irq;
    total += all;
    busy += all - t.idle;
  }
  return { busy, total };
}

/** Share of the machine (0–1, all cores) busy between two readings of machineTimes. */
export function machineBusy(a: ReturnType<typeof machineTimes>, b: ReturnType<typeof machineTimes>): number {
  return (b.busy - a.busy) / Math.max(1, b.total - a.total);
}

/** Measures a process's CPU over a stretch of time: cores in use on average (1.0 = one core). */
export function cpuMeter(pid: number): () => number {
  const t0 = performance.now();
  const c0 = processCpuMs(pid);
  return () => (processCpuMs(pid) - c0) / (performance.now() - t0);
}

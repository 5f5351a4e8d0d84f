/**
 * CPU and memory of processes from /proc, sampled every second: what each node used while the
 * load ran, and how busy the whole machine was (it is shared, so its total is part of the figure).
 */
import fs from 'node:fs';

/** Linux's USER_HZ (getconf CLK_TCK) and page size on the x86-64 machines this runs on. */
const TICKS_PER_S = 100;
const PAGE_BYTES = 4096;

/** utime + stime in seconds and RSS in bytes of one process, or null once it is gone. */
function readProc(pid: number): { cpuS: number; rssBytes: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: the fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14, 15 (utime, stime) and 24 (rss) of proc(5), here 0-based after field 2.
    return { cpuS: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S, rssBytes: Number(fields[21]) * PAGE_BYTES };
  } catch {
    return null;
  }
}

/** Busy and total jiffies of all CPUs (/proc/stat's first line). */
function readMachine(): { busy: number; total: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

export interface ProcSummary {
  /** Mean CPU over the window, % of one core (200 % = both cores of this machine). */
  cpuMeanPct: number;
  /** Highest one-second reading. */
  cpuMaxPct: number;
  rssMeanMiB: number;
  rssMaxMiB: number;
}

export interface StatsSummary {
  procs: Record<string, ProcSummary>;
  /** Whole machine, all processes of everyone: busy share of all cores, %. */
  machineBusyMeanPct: number;
  cores: number;
}

/** Samples named processes every second between `start()` and `stop()`. */
export class ProcSampler {
  private timer: NodeJS.Timeout | null = null;
  private readonly samples = new Map<string, { cpuPct: number[]; rss: number[] }>();
  private readonly last = new Map<string, { cpuS: number; at: number }>();
  private machineStart: { busy: number; total: number } | null = null;

  constructor(private readonly pids: Record<string, number>) {}

  start(): void {
    this.machineStart = readMachine();
    for (const [name, pid] of Object.entries(this.pids)) {
      const r = readProc(pid);
      if (r) this.last.set(name, { cpuS: r.cpuS, at: performance.now() });
      this.samples.set(name, { cpuPct: [], rss: [] });
    }
    this.timer = setInterval(() => this.sample(), 1000);
  }

  private sample(): void {
    const now = performance.now();
    for (const [name, pid] of Object.entries(this.pids)) {
      const r = readProc(pid);
      const prev = this.last.get(name);
      if (!r || !prev) continue;
      const s = this.samples.get(name)!;
      s.cpuPct.push((100 * (r.cpuS - prev.cpuS)) / ((now - prev.at) / 1000));
      s.rss.push(r.rssBytes);
      this.last.set(name, { cpuS: r.cpuS, at: now });
    }
  }

  stop(): StatsSummary {
    if (this.timer) clearInterval(this.timer);
    this.sample();
    const end = readMachine();
    const m = this.machineStart!;
    const mean = (a: number[]) => (a.length ? a.reduce((x, y) => x + y, 0) / a.length : 0);
    const procs: Record<string, ProcSummary> = {};
    for (const [name, s] of this.samples)
      procs[name] = {
        cpuMeanPct: mean(s.cpuPct),
        cpuMaxPct: Math.max(0, ...s.cpuPct),
        rssMeanMiB: mean(s.rss) / 2 ** 20,
        rssMaxMiB: Math.max(0, ...s.rss) / 2 ** 20,
      };
    const cores = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^processor\s*:/gm)?.length ?? 1;
    return { procs, machineBusyMeanPct: (100 * (end.busy - m.busy)) / Math.max(1, end.total - m.total), cores };
  }
}

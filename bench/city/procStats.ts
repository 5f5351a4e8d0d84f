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

/** Nanoseconds the process's main thread (a node's event loop) has spent runnable but waiting for a CPU. */
function readRunqueueWaitNs(pid: number): number | null {
  try {
    return Number(fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]);
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
  /**
   * Share of the window the main thread was ready to run but waited for a CPU (schedstat): high
   * means the process was starved by the machine, not idle. Single processes only.
   */
  runqueueWaitPct: number;
}

export interface StatsSummary {
  procs: Record<string, ProcSummary>;
  /** Whole machine, all processes of everyone: busy share of all cores, %. */
  machineBusyMeanPct: number;
  cores: number;
}

/** Pids of every process whose command name is `comm` (all PostgreSQL backends, say). */
export function pidsNamed(comm: string): () => number[] {
  return () =>
    fs
      .readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .filter((d) => {
        try {
          return fs.readFileSync(`/proc/${d}/comm`, 'utf8').trim() === comm;
        } catch {
          return false;
        }
      })
      .map(Number);
}

/**
 * What is sampled under one name: one process, or a group whose members come and go (a group's
 * CPU is the sum over its members, each counted from its first sighting; its RSS is not summed,
 * since PostgreSQL backends share most of theirs).
 */
export type Sampled = number | (() => number[]);

/** Samples named processes every second between `start()` and `stop()`. */
export class ProcSampler {
  private timer: NodeJS.Timeout | null = null;
  private readonly samples = new Map<string, { cpuPct: number[]; rss: number[] }>();
  private readonly last = new Map<string, { cpu: Map<number, number>; at: number }>();
  private machineStart: { busy: number; total: number } | null = null;
  private readonly waitStart = new Map<string, { ns: number; at: number }>();

  constructor(private readonly targets: Record<string, Sampled>) {}

  private read(target: Sampled): { cpu: Map<number, number>; rss: number | null } {
    const pids = typeof target === 'number' ? [target] : target();
    const cpu = new Map<number, number>();
    let rss = 0;
    for (const pid of pids) {
      const r = readProc(pid);
      if (!r) continue;
      cpu.set(pid, r.cpuS);
      rss += r.rssBytes;
    }
    return { cpu, rss: typeof target === 'number' ? rss : null };
  }

  start(): void {
    this.machineStart = readMachine();
    for (const [name, target] of Object.entries(this.targets)) {
      this.last.set(name, { cpu: this.read(target).cpu, at: performance.now() });
      this.samples.set(name, { cpuPct: [], rss: [] });
      const wait = typeof target === 'number' ? readRunqueueWaitNs(target) : null;
      if (wait !== null) this.waitStart.set(name, { ns: wait, at: performance.now() });
    }
    this.timer = setInterval(() => this.sample(), 1000);
  }

  private sample(): void {
    const now = performance.now();
    for (const [name, target] of Object.entries(this.targets)) {
      const r = this.read(target);
      const prev = this.last.get(name)!;
      const s = this.samples.get(name)!;
      let used = 0;
      for (const [pid, cpuS] of r.cpu) used += cpuS - (prev.cpu.get(pid) ?? cpuS);
      if (r.cpu.size) s.cpuPct.push((100 * used) / ((now - prev.at) / 1000));
      if (r.rss !== null && r.cpu.size) s.rss.push(r.rss);
      this.last.set(name, { cpu: r.cpu, at: now });
    }
  }

  stop(): StatsSummary {
    if (this.timer) clearInterval(this.timer);
    this.sample();
    const end = readMachine();
    const m = this.machineStart!;
    const mean = (a: number[]) => (a.length ? a.reduce((x, y) => x + y, 0) / a.length : NaN);
    const max = (a: number[]) => (a.length ? a.reduce((x, y) => Math.max(x, y), -Infinity) : NaN);
    const procs: Record<string, ProcSummary> = {};
    const waitPct = (name: string): number => {
      const from = this.waitStart.get(name);
      const target = this.targets[name];
      const now = typeof target === 'number' ? readRunqueueWaitNs(target) : null;
      if (!from || now === null) return NaN;
      return (100 * (now - from.ns)) / 1e6 / (performance.now() - from.at);
    };
    for (const [name, s] of this.samples)
      procs[name] = {
        runqueueWaitPct: waitPct(name),
        cpuMeanPct: mean(s.cpuPct),
        cpuMaxPct: max(s.cpuPct),
        rssMeanMiB: mean(s.rss) / 2 ** 20,
        rssMaxMiB: max(s.rss) / 2 ** 20,
      };
    const cores = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^processor\s*:/gm)?.length ?? 1;
    return { procs, machineBusyMeanPct: (100 * (end.busy - m.busy)) / Math.max(1, end.total - m.total), cores };
  }
}

/**
 * Worker: patrol phones. Each starts its patrol, then sends one position every 10 s (phones
 * evenly spread over the interval), as the field app's track upload does, to the node it is
 * assigned; positions wander round the phone's own grid.
 */
import { randomUUID } from 'node:crypto';
import { atRate, RequestLog, type RequestSummary } from './http.ts';
import { workerSide } from './worker.ts';

export interface PhoneParams {
  phones: { url: string; token: string; lng: number; lat: number }[];
  intervalS: number;
  /** After the load stops, how long to wait for answers still out. */
  settleMs: number;
}

export interface PhoneResult {
  positionsSent: number;
  track: RequestSummary;
}

let params: PhoneParams;
const patrols: string[] = [];
const log = new RequestLog();
let stopLoad: (() => void) | null = null;
let sent = 0;

async function startPatrols(p: PhoneParams): Promise<void> {
  const starts = new RequestLog();
  for (let i = 0; i < p.phones.length; i += 20) {
    await Promise.all(
      p.phones.slice(i, i + 20).map(async (phone, j) => {
        const id = randomUUID();
        patrols[i + j] = id;
        const status = await starts.post(`${phone.url}/api/patrols`, phone.token, { id, at: new Date().toISOString() });
        if (status !== 201) throw new Error(`patrol start answered ${status}: ${JSON.stringify(starts.failures)}`);
      }),
    );
  }
}

workerSide<PhoneParams>({
  init: async (p) => {
    params = p;
    await startPatrols(p);
    return { patrols: patrols.length };
  },
  go: () => {
    const n = params.phones.length;
    stopLoad = atRate(n / params.intervalS, (k) => {
      const i = k % n;
      const phone = params.phones[i]!;
      // A walk of a few metres per fix, kept within about 100 m of the grid's middle.
      const jitter = () => (Math.random() - 0.5) * 0.002;
      sent++;
      void log.post(`${phone.url}/api/patrols/${patrols[i]}/track`, phone.token, {
        points: [{ t: new Date().toISOString(), lng: phone.lng + jitter(), lat: phone.lat + jitter(), acc: 8 }],
      });
    });
  },
  stop: async (): Promise<PhoneResult> => {
    stopLoad?.();
    await log.settle(params.settleMs);
    return { positionsSent: sent, track: log.summary() };
  },
});

/**
 * Worker: reporters. 50 reports a second, spread round the nodes, each from a hotline desk
 * session, at a random grid's middle, with its send time in the description so a wall can time
 * the report's way from the reporter's request to the screen.
 */
import { randomUUID } from 'node:crypto';
import { SENT_MARK } from './config.ts';
import { atRate, RequestLog, type RequestSummary } from './http.ts';
import { workerSide } from './worker.ts';

export interface ReporterParams {
  /** One desk session per node. */
  desks: { url: string; token: string }[];
  perSecond: number;
  places: [number, number][];
  categories: string[];
  /** After the load stops, how long to wait for answers still out. */
  settleMs: number;
}

export interface ReporterResult {
  sent: number;
  /** Reports the server acknowledged (201): each must be in the log and reach every wall. */
  acknowledged: number;
  acknowledgedIds: string[];
  report: RequestSummary;
}

let params: ReporterParams;
const log = new RequestLog();
let stopLoad: (() => void) | null = null;
let sent = 0;
const acknowledgedIds: string[] = [];

const pick = <T>(a: readonly T[]): T => a[Math.floor(Math.random() * a.length)]!;

workerSide<ReporterParams>({
  init: async (p) => {
    params = p;
    return { desks: p.desks.length };
  },
  go: () => {
    stopLoad = atRate(params.perSecond, (k) => {
      const desk = params.desks[k % params.desks.length]!;
      const [lng, lat] = pick(params.places);
      const id = randomUUID();
      sent++;
      void log
        .post(`${desk.url}/api/incidents`, desk.token, {
          id,
          category: pick(params.categories),
          description: `${SENT_MARK}${performance.timeOrigin + performance.now()} (city run report ${k})`,
          lng,
          lat,
          source: 'hotline',
          photoIds: [],
        })
        .then((status) => {
          if (status === 201) acknowledgedIds.push(id);
        });
    });
  },
  stop: async (): Promise<ReporterResult> => {
    stopLoad?.();
    await log.settle(params.settleMs);
    return { sent, acknowledged: acknowledgedIds.length, acknowledgedIds, report: log.summary() };
  },
});

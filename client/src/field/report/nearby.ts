import { useEffect, useRef, useState } from 'react';
import type { GridIndex } from '@streetchief/shared/geo/gridIndex';
import { bboxAround, distanceM, DUPLICATE_RULE, duplicateSince, type DuplicateCandidate } from '@streetchief/shared/field/index';
import { requestJson } from '../../api/http.ts';
import { kvGet, kvSet } from '../outbox/idb.ts';

export interface NearbyCase extends DuplicateCandidate {
  description: string;
  reportedAt: string;
  /** Still in this phone's outbox, not yet on the server. */
  queued?: boolean;
}

const KEY = 'nearby';

/**
 * Reports made on this page, kept as candidates after they have left the outbox: until the next
 * fetch of the cases around, the server's list does not have them yet, and reporting the same
 * thing twice in a minute is the commonest duplicate of all.
 */
const ownReports: NearbyCase[] = [];

export function rememberOwnReport(c: NearbyCase): void {
  ownReports.unshift(c);
  ownReports.length = Math.min(ownReports.length, 50);
}

export function ownRecentReports(): readonly NearbyCase[] {
  return ownReports;
}
/** Fetch again after moving this far, or after this long. */
const REFRESH_M = 30;
const REFRESH_MS = 60_000;

function parse(items: unknown): NearbyCase[] {
  if (!Array.isArray(items)) return [];
  return items.flatMap((x) => {
    const c = x as Partial<NearbyCase>;
    return typeof c.id === 'string' &&
      typeof c.categoryCode === 'string' &&
      typeof c.lng === 'number' &&
      typeof c.lat === 'number' &&
      typeof c.status === 'string'
      ? [
          {
            id: c.id,
            categoryCode: c.categoryCode,
            lng: c.lng,
            lat: c.lat,
            status: c.status,
            description: String(c.description ?? ''),
            reportedAt: String(c.reportedAt ?? ''),
          },
        ]
      : [];
  });
}

/**
 * Recent cases around the phone, for the duplicate check before sending (the same rule as the
 * server's, shared/field/duplicates.ts): fetched for the grids within reach of its radius when
 * there is signal, and kept on the phone for when there is not.
 */
export function useNearbyCases(index: GridIndex | null, here: { lng: number; lat: number } | null): NearbyCase[] {
  const [cases, setCases] = useState<NearbyCase[]>([]);
  const last = useRef<{ lng: number; lat: number; at: number } | null>(null);

  useEffect(() => {
    void kvGet<NearbyCase[]>(KEY).then(
      (c) => c && setCases((cur) => (cur.length ? cur : c)),
      () => {},
    );
  }, []);

  useEffect(() => {
    if (!index || !here) return;
    const prev = last.current;
    if (prev && distanceM(prev.lng, prev.lat, here.lng, here.lat) < REFRESH_M && Date.now() - prev.at < REFRESH_MS) return;
    last.current = { ...here, at: Date.now() };
    let cancelled = false;
    const grids = index.search(bboxAround(here.lng, here.lat, DUPLICATE_RULE.radiusM * 2)).slice(0, 6);
    void Promise.all(
      grids.map((g) => requestJson(`/api/incidents?grid=${g}&limit=200`).then((b) => parse((b as { items?: unknown }).items))),
    )
      .then((lists) => {
        if (cancelled) return;
        // Which of them count is the shared rule's business (likelyDuplicates); only what it can never take is left out.
        const since = Date.parse(duplicateSince(new Date()));
        const all = lists.flat().filter((c) => c.status !== 'voided' && Date.parse(c.reportedAt) >= since);
        setCases(all);
        void kvSet(KEY, all).catch(() => {});
      })
      .catch(() => {
        // Offline: keep what the phone has.
        last.current = null;
      });
    return () => {
      cancelled = true;
    };
  }, [index, here?.lng, here?.lat]);

  return cases;
}

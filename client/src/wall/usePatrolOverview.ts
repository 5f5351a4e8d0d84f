import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { PatrolPositionSchema, positionFreshness, type PatrolPosition } from '@streetchief/shared/domain/patrol';
import { isUnauthorized, requestJson } from '../api/http.ts';
import { PatrolLayers, type TrackLines } from '../map/patrolLayers.ts';

/** Tracks and coverage are re-read this often; positions arrive live in between. */
const REFRESH_MS = 60_000;
/** Fading is re-evaluated this often. */
const FADE_TICK_MS = 15_000;

export interface PatrolSummary {
  loaded: boolean;
  patrolledGrids: number;
  totalGrids: number;
  /** Staff whose position is fresh (under two minutes old). */
  onPatrol: number;
  /** Positions drawn faded (no fix for over two minutes). */
  stale: number;
}

interface Overview {
  positions: unknown[];
  tracks: TrackLines[];
  patrolledGrids: string[];
  totalGrids: number;
}

declare global {
  interface Window {
    /** Read-only hooks for tests: the wall's patrol layer. */
    __wallPatrols?: { positions(): PatrolPosition[]; patrolledGrids(): string[]; summary(): PatrolSummary };
  }
}

function parsePositions(raw: unknown): PatrolPosition[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((p) => {
    const r = PatrolPositionSchema.safeParse(p);
    return r.success ? [r.data] : [];
  });
}

/**
 * The wall's patrol picture: today's tracks and the grids patrolled (read every minute), and staff
 * positions (volatile socket messages, merged by patrol, newest fix wins).
 * Draws them on the map through `PatrolLayers` once the map is there.
 */
export function usePatrolOverview(onUnauthorized: () => void) {
  const positions = useRef(new Map<string, PatrolPosition>());
  const coverage = useRef<string[]>([]);
  const tracks = useRef<TrackLines[]>([]);
  const layers = useRef<PatrolLayers | null>(null);
  const [summary, setSummary] = useState<PatrolSummary>({
    loaded: false,
    patrolledGrids: 0,
    totalGrids: 0,
    onPatrol: 0,
    stale: 0,
  });
  const total = useRef(0);
  const onUnauthorizedRef = useRef(onUnauthorized);
  onUnauthorizedRef.current = onUnauthorized;

  const redraw = useCallback(() => {
    const now = Date.now();
    const all = [...positions.current.values()];
    const live = all.filter((p) => p.status !== 'finished');
    layers.current?.setPositions(live, now);
    setSummary({
      loaded: true,
      patrolledGrids: coverage.current.length,
      totalGrids: total.current,
      onPatrol: live.filter((p) => p.status === 'active' && positionFreshness(p.at, now) === 'fresh').length,
      stale: live.filter((p) => positionFreshness(p.at, now) === 'stale').length,
    });
  }, []);

  const merge = useCallback(
    (incoming: PatrolPosition[]) => {
      for (const p of incoming) {
        const had = positions.current.get(p.patrolId);
        if (!had || Date.parse(p.at) >= Date.parse(had.at) || p.status !== had.status) positions.current.set(p.patrolId, p);
      }
      redraw();
    },
    [redraw],
  );

  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      try {
        const ov = (await requestJson('/api/patrols/overview')) as Overview;
        if (cancelled) return;
        coverage.current = ov.patrolledGrids;
        tracks.current = ov.tracks;
        total.current = ov.totalGrids;
        // The overview lists open patrols only; a patrol that finished meanwhile drops out.
        const fresh = parsePositions(ov.positions);
        positions.current = new Map(fresh.map((p) => [p.patrolId, p]));
        layers.current?.setCoverage(coverage.current);
        layers.current?.setTracks(tracks.current);
        redraw();
      } catch (err) {
        if (isUnauthorized(err)) onUnauthorizedRef.current();
      }
    };
    void load();
    const refresh = setInterval(load, REFRESH_MS);
    const fade = setInterval(redraw, FADE_TICK_MS);
    return () => {
      cancelled = true;
      clearInterval(refresh);
      clearInterval(fade);
    };
  }, [redraw]);

  /** Give it the wall map (or null when the map goes); the layers are added once the grid layers exist. */
  const attach = useCallback(
    (map: MaplibreMap | null, ready: () => boolean) => {
      layers.current = null;
      if (!map) return;
      const init = () => {
        if (!ready()) return void setTimeout(init, 250);
        if (map.getLayer('grid-patrolled')) return;
        const l = new PatrolLayers(map);
        layers.current = l;
        l.setCoverage(coverage.current);
        l.setTracks(tracks.current);
        redraw();
      };
      init();
    },
    [redraw],
  );

  const onPositions = useCallback((raw: unknown) => merge(parsePositions(raw)), [merge]);

  useEffect(() => {
    const api = {
      positions: () => [...positions.current.values()],
      patrolledGrids: () => [...coverage.current],
      summary: () => summaryRef.current,
    };
    Object.defineProperty(window, '__wallPatrols', { value: Object.freeze(api), configurable: true, enumerable: false });
    return () => {
      delete window.__wallPatrols;
    };
  }, []);
  const summaryRef = useRef(summary);
  summaryRef.current = summary;

  return useMemo(() => ({ summary, attach, onPositions }), [summary, attach, onPositions]);
}

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { PatrolPositionSchema, positionFreshness, type PatrolPosition } from '@streetchief/shared/domain/patrol';
import { isUnauthorized, requestJson } from '../api/http.ts';
import type { PatrolLayers, TrackLines } from '../map/patrolLayers.ts';

/**
 * Tracks and coverage are re-read this often (they also hold points uploaded late, from phones
 * that were offline); in between, every live position moves the pin, extends its track and
 * counts its grid as patrolled at once.
 */
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
    __wallPatrols?: {
      positions(): PatrolPosition[];
      patrolledGrids(): string[];
      /** Points per patrol's track today, as drawn. */
      tracks(): { patrolId: string; points: number }[];
      summary(): PatrolSummary;
    };
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
 * A live fix added to today's picture: the patrol's track gets the point (when it is newer than
 * the track's last one), and an active patrol's grid counts as patrolled. Returns whether the
 * tracks changed.
 */
export function applyLiveFix(
  p: PatrolPosition,
  previous: PatrolPosition | undefined,
  tracks: TrackLines[],
  coverage: Set<string>,
): boolean {
  if (p.status === 'active' && p.gridCode) coverage.add(p.gridCode);
  if (p.status !== 'active' || (previous && Date.parse(p.at) <= Date.parse(previous.at))) return false;
  const point: [number, number] = [p.lng, p.lat];
  const track = tracks.find((t) => t.patrolId === p.patrolId);
  if (!track) {
    tracks.push({ patrolId: p.patrolId, name: p.name, lines: [[point]] });
    return true;
  }
  const line = track.lines.at(-1);
  const last = line?.at(-1);
  if (last && last[0] === point[0] && last[1] === point[1]) return false;
  if (line) line.push(point);
  else track.lines.push([point]);
  return true;
}

/**
 * The wall's patrol picture: today's tracks and the grids patrolled (read every minute), and staff
 * positions (volatile socket messages, merged by patrol, newest fix wins) which also extend the
 * tracks and the coverage as they arrive. Draws them on the map through `PatrolLayers` once the
 * map is there.
 */
export function usePatrolOverview(onUnauthorized: () => void) {
  const positions = useRef(new Map<string, PatrolPosition>());
  const coverage = useRef(new Set<string>());
  const tracks = useRef<TrackLines[]>([]);
  const layers = useRef<PatrolLayers | null>(null);
  const attached = useRef(0);
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
      patrolledGrids: coverage.current.size,
      totalGrids: total.current,
      onPatrol: live.filter((p) => p.status === 'active' && positionFreshness(p.at, now) === 'fresh').length,
      stale: live.filter((p) => positionFreshness(p.at, now) === 'stale').length,
    });
  }, []);

  const merge = useCallback(
    (incoming: PatrolPosition[]) => {
      let tracksChanged = false;
      const before = coverage.current.size;
      for (const p of incoming) {
        const had = positions.current.get(p.patrolId);
        if (!had || Date.parse(p.at) >= Date.parse(had.at) || p.status !== had.status) positions.current.set(p.patrolId, p);
        if (applyLiveFix(p, had, tracks.current, coverage.current)) tracksChanged = true;
      }
      if (coverage.current.size !== before) layers.current?.setCoverage(coverage.current);
      if (tracksChanged) layers.current?.setTracks(tracks.current);
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
        // The server's picture, plus live grids it has not counted yet (a fix newer than its answer).
        coverage.current = new Set([
          ...ov.patrolledGrids,
          ...[...positions.current.values()].flatMap((p) => (p.status === 'active' && p.gridCode ? [p.gridCode] : [])),
        ]);
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

  /** Give it the wall map's patrol layers (or null when the map goes); they appear once the map has loaded. */
  const attach = useCallback(
    (get: (() => PatrolLayers | null) | null) => {
      const generation = ++attached.current;
      layers.current = null;
      if (!get) return;
      const init = () => {
        // A later attach (a new map) takes over.
        if (generation !== attached.current) return;
        const l = get();
        if (!l) return void setTimeout(init, 250);
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
      tracks: () => tracks.current.map((t) => ({ patrolId: t.patrolId, points: t.lines.reduce((n, l) => n + l.length, 0) })),
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

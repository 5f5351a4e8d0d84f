import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import { positionFreshness, type PatrolPosition } from '@streetchief/shared/domain/patrol';
import { LABEL_FONT, SOURCE_GRIDS } from './style.ts';

const SOURCE_TRACKS = 'patrol-tracks';
const SOURCE_POSITIONS = 'patrol-positions';
/** Case markers stay on top: patrol layers go under the first case layer. */
const BEFORE = 'incident-halo';

export const PATROL_COLOURS = { track: '#34d399', patrolled: '#34d399', fresh: '#22d3ee', stale: '#94a3b8' };

export interface TrackLines {
  patrolId: string;
  name: string;
  lines: [number, number][][];
}

/**
 * The wall's patrol layers on top of the grid map: grids patrolled today (a green inner outline,
 * by feature state on the grid source), today's tracks, and live positions (a filled dot while
 * fresh; a hollow, faded ring once older than two minutes; gone after thirty). Updated with
 * `setData`/feature state, never rebuilt.
 */
export class PatrolLayers {
  private patrolled = new Set<string>();

  constructor(private readonly map: MaplibreMap) {
    const before = map.getLayer(BEFORE) ? BEFORE : undefined;
    map.addSource(SOURCE_TRACKS, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addSource(SOURCE_POSITIONS, { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'patrolId' });
    map.addLayer(
      {
        id: 'grid-patrolled',
        type: 'line',
        source: SOURCE_GRIDS,
        paint: {
          'line-color': PATROL_COLOURS.patrolled,
          'line-width': ['case', ['boolean', ['feature-state', 'patrolled'], false], 3, 0],
          'line-offset': 2,
          'line-opacity': 0.9,
        },
      },
      before,
    );
    map.addLayer(
      {
        id: 'patrol-track',
        type: 'line',
        source: SOURCE_TRACKS,
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': PATROL_COLOURS.track, 'line-width': 2.5, 'line-opacity': 0.75, 'line-dasharray': [2, 1] },
      },
      before,
    );
    map.addLayer(
      {
        id: 'patrol-position',
        type: 'circle',
        source: SOURCE_POSITIONS,
        paint: {
          'circle-radius': 8,
          'circle-color': ['case', ['==', ['get', 'stale'], 1], 'rgba(0,0,0,0)', PATROL_COLOURS.fresh],
          'circle-stroke-color': ['case', ['==', ['get', 'stale'], 1], PATROL_COLOURS.stale, '#ffffff'],
          'circle-stroke-width': 3,
          'circle-opacity': ['case', ['==', ['get', 'stale'], 1], 0.45, 1],
          'circle-stroke-opacity': ['case', ['==', ['get', 'stale'], 1], 0.55, 1],
        },
      },
      before,
    );
    map.addLayer(
      {
        id: 'patrol-label',
        type: 'symbol',
        source: SOURCE_POSITIONS,
        layout: {
          'text-field': ['get', 'name'],
          'text-font': LABEL_FONT,
          'text-size': 12,
          'text-offset': [0, 1.3],
          'text-anchor': 'top',
          'text-optional': true,
        },
        paint: {
          'text-color': '#e0f2fe',
          'text-halo-color': '#050b16',
          'text-halo-width': 1.5,
          'text-opacity': ['case', ['==', ['get', 'stale'], 1], 0.5, 1],
        },
      },
      before,
    );
  }

  /** Grids patrolled today: feature state, so only the grids that changed are touched. */
  setCoverage(codes: readonly string[]): void {
    const next = new Set(codes);
    for (const code of this.patrolled)
      if (!next.has(code)) this.map.setFeatureState({ source: SOURCE_GRIDS, id: code }, { patrolled: false });
    for (const code of next)
      if (!this.patrolled.has(code)) this.map.setFeatureState({ source: SOURCE_GRIDS, id: code }, { patrolled: true });
    this.patrolled = next;
  }

  setTracks(tracks: readonly TrackLines[]): void {
    this.map.getSource<GeoJSONSource>(SOURCE_TRACKS)?.setData({
      type: 'FeatureCollection',
      features: tracks.map((t) => ({
        type: 'Feature',
        geometry: { type: 'MultiLineString', coordinates: t.lines },
        properties: { patrolId: t.patrolId, name: t.name },
      })),
    });
  }

  /** Positions with their freshness at `now`; finished patrols and gone positions are left out. */
  setPositions(positions: readonly PatrolPosition[], now: number): void {
    const features: GeoJSON.Feature[] = [];
    for (const p of positions) {
      const fresh = positionFreshness(p.at, now);
      if (fresh === 'gone' || p.status === 'finished') continue;
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [p.lng, p.lat] },
        properties: { patrolId: p.patrolId, name: p.name, stale: fresh === 'stale' || p.status === 'paused' ? 1 : 0 },
      });
    }
    this.map.getSource<GeoJSONSource>(SOURCE_POSITIONS)?.setData({ type: 'FeatureCollection', features });
  }
}

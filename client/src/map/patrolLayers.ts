import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import { positionFreshness, type PatrolPosition } from '@streetchief/shared/domain/patrol';
import { ICON_PIXEL_RATIO } from './markerIcons.ts';
import { PATROL_COLOURS, PATROL_IMAGES, patrolImages } from './patrolIcon.ts';
import { LABEL_FONT, MAP_TEXT_PX, PATROL_LAYERS_BEFORE, SOURCE_GRIDS, type ScaledProperty } from './style.ts';

const SOURCE_TRACKS = 'patrol-tracks';
const SOURCE_POSITIONS = 'patrol-positions';
/** The patrolled-grid outline sits under the case markers; tracks and positions above them. */
const COVERAGE_BEFORE = 'incident-halo';

export interface TrackLines {
  patrolId: string;
  name: string;
  lines: [number, number][][];
}

const stale: ['==', ['get', 'stale'], 1] = ['==', ['get', 'stale'], 1];

/** Sizes of the patrol layers at the wall's scale (see `SCALED` in style.ts). */
export const PATROL_SCALED: ScaledProperty[] = [
  {
    layer: 'grid-patrolled',
    kind: 'paint',
    property: 'line-width',
    value: (k) => ['case', ['boolean', ['feature-state', 'patrolled'], false], 3 * k, 0],
  },
  { layer: 'grid-patrolled', kind: 'paint', property: 'line-offset', value: (k) => 2.5 * k },
  { layer: 'patrol-track-casing', kind: 'paint', property: 'line-width', value: (k) => 8 * k },
  { layer: 'patrol-track', kind: 'paint', property: 'line-width', value: (k) => 4 * k },
  { layer: 'patrol-position', kind: 'layout', property: 'icon-size', value: (k) => k },
  { layer: 'patrol-position', kind: 'layout', property: 'text-size', value: (k) => MAP_TEXT_PX.patrol * k },
  { layer: 'patrol-position', kind: 'paint', property: 'text-halo-width', value: (k) => 2 * k },
];

/**
 * The wall's patrol layers on top of the grid map: grids patrolled today (a green inner outline,
 * by feature state on the grid source, under the case markers), today's tracks (a bright line on
 * a dark casing) and live positions (a map pin while fresh; a hollow grey pin once older than two
 * minutes; gone after thirty), both above the case markers. Updated with `setData`/feature state,
 * never rebuilt.
 */
export class PatrolLayers {
  private patrolled = new Set<string>();

  constructor(
    private readonly map: MaplibreMap,
    scale: number,
  ) {
    const above = map.getLayer(PATROL_LAYERS_BEFORE) ? PATROL_LAYERS_BEFORE : undefined;
    const under = map.getLayer(COVERAGE_BEFORE) ? COVERAGE_BEFORE : above;
    for (const { name, data } of patrolImages()) if (!map.hasImage(name)) map.addImage(name, data, { pixelRatio: ICON_PIXEL_RATIO });
    map.addSource(SOURCE_TRACKS, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addSource(SOURCE_POSITIONS, { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'patrolId' });
    map.addLayer(
      {
        id: 'grid-patrolled',
        type: 'line',
        source: SOURCE_GRIDS,
        paint: { 'line-color': PATROL_COLOURS.patrolled, 'line-width': 0, 'line-opacity': 0.9 },
      },
      under,
    );
    map.addLayer(
      {
        id: 'patrol-track-casing',
        type: 'line',
        source: SOURCE_TRACKS,
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': PATROL_COLOURS.casing, 'line-width': 8, 'line-opacity': 0.75 },
      },
      above,
    );
    map.addLayer(
      {
        id: 'patrol-track',
        type: 'line',
        source: SOURCE_TRACKS,
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': PATROL_COLOURS.track, 'line-width': 4, 'line-opacity': 0.95 },
      },
      above,
    );
    map.addLayer(
      {
        id: 'patrol-position',
        type: 'symbol',
        source: SOURCE_POSITIONS,
        layout: {
          'icon-image': ['case', stale, PATROL_IMAGES.stale, PATROL_IMAGES.fresh],
          'icon-anchor': 'bottom',
          'icon-allow-overlap': true,
          'text-field': ['get', 'name'],
          'text-font': LABEL_FONT,
          'text-size': MAP_TEXT_PX.patrol,
          'text-anchor': 'top',
          'text-offset': [0, 0.2],
          // The pin always shows; the name only where it has room.
          'text-optional': true,
        },
        paint: {
          'text-color': '#fdf4ff',
          'text-halo-color': '#050b16',
          'text-halo-width': 2,
          'icon-opacity': ['case', stale, 0.7, 1],
          'text-opacity': ['case', stale, 0.6, 1],
        },
      },
      above,
    );
    this.rescale(scale);
  }

  /** Sizes follow the wall's scale (1 at 1920×1080, 2 at 4K). */
  rescale(k: number): void {
    for (const { layer, kind, property, value } of PATROL_SCALED) {
      if (kind === 'layout') this.map.setLayoutProperty(layer, property, value(k));
      else this.map.setPaintProperty(layer, property, value(k));
    }
  }

  /** Grids patrolled today: feature state, so only the grids that changed are touched. */
  setCoverage(codes: Iterable<string>): void {
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

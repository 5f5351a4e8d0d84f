import maplibregl, { type GeoJSONSource, type Map as MaplibreMap } from 'maplibre-gl';
import type { Incident } from '@streetchief/shared/domain/incident';
import { dayRange } from '@streetchief/shared/indicators/wall';
import type { GridCollection, GridFeature, GridGeometry } from '../api/grids.ts';
import { labelPoint } from './labels.ts';
import { ICON_PIXEL_RATIO, markerImages } from './markerIcons.ts';
import { markerKind } from './markerKinds.ts';
import { COLOURS, LABEL_FONT, LOCAL_IDEOGRAPH_FONT_FAMILY, plainStyle } from './style.ts';

const SOURCE_ALL = 'grids';
const SOURCE_GRID = 'case-grid';
const SOURCE_CASE = 'case';

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

/** The case's point and its grid, as a desk needs them. */
export type CaseLocation = Pick<Incident, 'id' | 'lng' | 'lat' | 'gridCode' | 'status' | 'deadline' | 'lateAt' | 'closedAt'>;

function bboxOf(geometry: GridGeometry): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons)
    for (const ring of polygon)
      for (const [x, y] of ring) {
        w = Math.min(w, x);
        s = Math.min(s, y);
        e = Math.max(e, x);
        n = Math.max(n, y);
      }
  return [w, s, e, n];
}

/**
 * The small map in a case drawer: the district's grid lines faintly, the case's grid outlined and
 * named, the case as the wall's marker. Made once; `show` swaps the data and moves the camera.
 * Built on the wall's style helpers, so both maps speak the same symbols.
 */
export class CaseMapController {
  readonly map: MaplibreMap;
  private readonly byCode = new Map<string, GridFeature>();
  private pending: CaseLocation | null = null;
  private ready = false;

  constructor(container: HTMLElement, grids: GridCollection) {
    for (const f of grids.features) this.byCode.set(f.properties.code, f);
    const [w, s, e, n] = grids.bbox;
    this.map = new maplibregl.Map({
      container,
      style: plainStyle(),
      bounds: [
        [w, s],
        [e, n],
      ],
      attributionControl: false,
      // The desk uses the arrow keys for its queue; the map keeps mouse and wheel only.
      keyboard: false,
      renderWorldCopies: false,
      localIdeographFontFamily: LOCAL_IDEOGRAPH_FONT_FAMILY,
    });
    this.map.on('load', () => {
      const map = this.map;
      for (const { kind, data } of markerImages()) if (!map.hasImage(kind)) map.addImage(kind, data, { pixelRatio: ICON_PIXEL_RATIO });
      map.addSource(SOURCE_ALL, { type: 'geojson', data: grids as GeoJSON.FeatureCollection });
      map.addSource(SOURCE_GRID, { type: 'geojson', data: EMPTY });
      map.addSource(SOURCE_CASE, { type: 'geojson', data: EMPTY });
      map.addLayer({ id: 'all-fill', type: 'fill', source: SOURCE_ALL, paint: { 'fill-color': COLOURS.gridBase, 'fill-opacity': 0.9 } });
      map.addLayer({
        id: 'all-line',
        type: 'line',
        source: SOURCE_ALL,
        paint: { 'line-color': COLOURS.gridLine, 'line-width': 0.6, 'line-opacity': 0.6 },
      });
      map.addLayer({
        id: 'grid-fill',
        type: 'fill',
        source: SOURCE_GRID,
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': '#1d4f80', 'fill-opacity': 0.55 },
      });
      map.addLayer({
        id: 'grid-line',
        type: 'line',
        source: SOURCE_GRID,
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'line-color': '#7dd3fc', 'line-width': 2.5 },
      });
      map.addLayer({
        id: 'grid-label',
        type: 'symbol',
        source: SOURCE_GRID,
        filter: ['==', ['geometry-type'], 'Point'],
        layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 12, 'text-offset': [0, 1.6] },
        paint: { 'text-color': COLOURS.labelCommunity, 'text-halo-color': COLOURS.halo, 'text-halo-width': 1.5 },
      });
      map.addLayer({
        id: 'case-icon',
        type: 'symbol',
        source: SOURCE_CASE,
        layout: { 'icon-image': ['get', 'm'], 'icon-allow-overlap': true, 'icon-ignore-placement': true },
      });
      this.ready = true;
      if (this.pending) this.show(this.pending);
    });
    this.map.on('error', (e) => console.warn('[case map]', e.error?.message ?? e));
  }

  /** Shows a case: its grid outlined and labelled, its marker, the camera on the grid. */
  show(c: CaseLocation, now = new Date()): void {
    this.pending = c;
    if (!this.ready) return;
    const grid = this.byCode.get(c.gridCode);
    const gridFeatures: GeoJSON.Feature[] = [];
    if (grid) {
      const label = labelPoint(grid.geometry);
      gridFeatures.push(
        { type: 'Feature', geometry: grid.geometry, properties: {} },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [label.x, label.y] }, properties: { name: grid.properties.name } },
      );
    }
    this.map.getSource<GeoJSONSource>(SOURCE_GRID)?.setData({ type: 'FeatureCollection', features: gridFeatures });
    const kind = markerKind(c, now, dayRange(now)) ?? 'closed';
    this.map.getSource<GeoJSONSource>(SOURCE_CASE)?.setData({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [c.lng, c.lat] }, properties: { m: kind } }],
    });
    if (grid) {
      const [w, s, e, n] = bboxOf(grid.geometry);
      const pad = 0.6 * Math.max(e - w, n - s);
      this.map.fitBounds(
        [
          [Math.min(w, c.lng) - pad, Math.min(s, c.lat) - pad],
          [Math.max(e, c.lng) + pad, Math.max(n, c.lat) + pad],
        ],
        { animate: false, padding: 8 },
      );
    } else {
      this.map.jumpTo({ center: [c.lng, c.lat], zoom: 15 });
    }
  }

  /** The map has its layers. */
  get loaded(): boolean {
    return this.ready;
  }

  destroy(): void {
    this.map.remove();
  }
}

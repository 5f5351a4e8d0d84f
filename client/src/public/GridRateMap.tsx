import { useEffect, useRef } from 'react';
import maplibregl, { type Map as MaplibreMap } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { gridFullName } from '@streetchief/shared/domain/gridLabel';
import type { GridCollection } from '../api/grids.ts';
import { LOCAL_IDEOGRAPH_FONT_FAMILY } from '../map/style.ts';
import { fillColour } from './mapClasses.ts';

const SOURCE = 'grids';

export interface GridRateMapProps {
  grids: GridCollection;
  /** Closure rate per grid code; grids not in it have no figure. */
  rates: ReadonlyMap<string, number | null>;
  /** Describes the map for screen readers. */
  label: string;
  /** The map could not be made (no WebGL): the page shows the table instead. */
  onFail: (reason: string) => void;
  className?: string;
}

/** Is WebGL there at all? MapLibre needs it; without it the page does without the map. */
function hasWebGl(): boolean {
  try {
    const canvas = document.createElement('canvas');
    return !!(canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
  } catch {
    return false;
  }
}

/**
 * The grids shaded by closure rate. Made once per grid set; a new period only changes feature
 * state (the rate), never the layers. Light and plain, for the public page and for paper.
 */
export default function GridRateMap({ grids, rates, label, onFail, className }: GridRateMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MaplibreMap | null>(null);
  const ready = useRef(false);
  const ratesRef = useRef(rates);
  ratesRef.current = rates;
  const onFailRef = useRef(onFail);
  onFailRef.current = onFail;

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    if (!hasWebGl()) {
      onFailRef.current('webgl');
      return;
    }
    let m: MaplibreMap;
    try {
      const [w, s, e, n] = grids.bbox;
      m = new maplibregl.Map({
        container: el,
        style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#ffffff' } }] },
        bounds: [
          [w, s],
          [e, n],
        ],
        fitBoundsOptions: { padding: 12 },
        attributionControl: false,
        // The page scrolls with the wheel; the map zooms with its buttons or a pinch.
        scrollZoom: false,
        dragRotate: false,
        renderWorldCopies: false,
        localIdeographFontFamily: LOCAL_IDEOGRAPH_FONT_FAMILY,
      });
    } catch (err) {
      onFailRef.current(err instanceof Error ? err.message : String(err));
      return;
    }
    map.current = m;
    m.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    m.on('load', () => {
      m.addSource(SOURCE, { type: 'geojson', data: grids as GeoJSON.FeatureCollection, promoteId: 'code' });
      m.addLayer({ id: 'grid-fill', type: 'fill', source: SOURCE, paint: { 'fill-color': fillColour(), 'fill-opacity': 0.9 } });
      m.addLayer({ id: 'grid-line', type: 'line', source: SOURCE, paint: { 'line-color': '#4b5563', 'line-width': 0.6 } });
      ready.current = true;
      applyRates(m, grids, ratesRef.current);
      el.dataset.loaded = 'true';
    });
    const popup = new maplibregl.Popup({ closeButton: true, closeOnClick: true });
    m.on('click', 'grid-fill', (ev) => {
      const f = ev.features?.[0];
      if (!f) return;
      const code = String(f.properties?.code ?? '');
      const name = gridFullName(String(f.properties?.name ?? ''), String(f.properties?.communityName ?? ''));
      const rate = ratesRef.current.get(code);
      const text = document.createElement('span');
      text.textContent = `${name}：${rate === null || rate === undefined ? '—' : `${rate.toFixed(1)}%`}`;
      popup.setLngLat(ev.lngLat).setDOMContent(text).addTo(m);
    });
    m.on('mouseenter', 'grid-fill', () => (m.getCanvas().style.cursor = 'pointer'));
    m.on('mouseleave', 'grid-fill', () => (m.getCanvas().style.cursor = ''));
    m.on('error', (e) => console.warn('[public map]', e.error?.message ?? e));
    return () => {
      ready.current = false;
      map.current = null;
      popup.remove();
      m.remove();
    };
  }, [grids]);

  useEffect(() => {
    if (map.current && ready.current) applyRates(map.current, grids, rates);
  }, [grids, rates]);

  return <div ref={container} className={className} role="img" aria-label={label} data-testid="grid-map" />;
}

/** Sets each grid's rate as feature state (−1: no figure). */
function applyRates(m: MaplibreMap, grids: GridCollection, rates: ReadonlyMap<string, number | null>): void {
  for (const f of grids.features) {
    const code = f.properties.code;
    m.setFeatureState({ source: SOURCE, id: code }, { rate: rates.get(code) ?? -1 });
  }
}

import { useEffect, useRef } from 'react';
import maplibregl, { type GeoJSONSource, type Map as MaplibreMap, type Marker } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { Fix } from '@streetchief/shared/field/track';
import type { GridCollection } from '../api/grids.ts';
import { COLOURS, LABEL_FONT, LOCAL_IDEOGRAPH_FONT_FAMILY, plainStyle } from '../map/style.ts';
import { buildLabelPoints } from '../map/labels.ts';

export interface FieldMapProps {
  grids: GridCollection;
  /** Where the phone is. */
  here: { lng: number; lat: number } | null;
  /** A draggable pin for the report location (`pick` mode); dragging it calls `onPin`. */
  pin?: { lng: number; lat: number } | null;
  onPin?: (p: { lng: number; lat: number }) => void;
  /** Today's kept fixes, drawn as a line. */
  track?: readonly Fix[];
  className?: string;
}

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * The field app's map: the grids with their names, "you are here", today's track and, when
 * reporting, a pin to drag. A default export so the app loads it (and MapLibre, about 1 MB) only
 * after the report form is on screen: on a slow connection the form must not wait for the map.
 */
export default function FieldMap({ grids, here, pin, onPin, track, className }: FieldMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MaplibreMap | null>(null);
  const marker = useRef<Marker | null>(null);
  const ready = useRef(false);
  /** The camera follows the phone until it has shown it once; after that the user pans freely. */
  const centred = useRef(false);
  const onPinRef = useRef(onPin);
  onPinRef.current = onPin;
  const latest = useRef({ here, pin, track });
  latest.current = { here, pin, track };

  useEffect(() => {
    if (!container.current) return;
    const [w, s, e, n] = grids.bbox;
    const start = latest.current.pin ?? latest.current.here;
    const m = new maplibregl.Map({
      container: container.current,
      style: plainStyle(),
      ...(start
        ? { center: [start.lng, start.lat] as [number, number], zoom: 15 }
        : {
            bounds: [
              [w, s],
              [e, n],
            ] as [[number, number], [number, number]],
          }),
      attributionControl: false,
      renderWorldCopies: false,
      localIdeographFontFamily: LOCAL_IDEOGRAPH_FONT_FAMILY,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
    });
    m.touchZoomRotate.disableRotation();
    map.current = m;
    m.on('load', () => {
      m.addSource('grids', { type: 'geojson', data: grids as GeoJSON.FeatureCollection });
      m.addSource('labels', { type: 'geojson', data: buildLabelPoints(grids) });
      m.addSource('track', { type: 'geojson', data: EMPTY });
      m.addSource('here', { type: 'geojson', data: EMPTY });
      m.addLayer({ id: 'grid-fill', type: 'fill', source: 'grids', paint: { 'fill-color': COLOURS.gridBase, 'fill-opacity': 0.9 } });
      m.addLayer({ id: 'grid-line', type: 'line', source: 'grids', paint: { 'line-color': COLOURS.gridLine, 'line-width': 1.2 } });
      m.addLayer({
        id: 'grid-label',
        type: 'symbol',
        source: 'labels',
        filter: ['==', ['get', 'kind'], 'grid'],
        layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 13 },
        paint: { 'text-color': COLOURS.labelGrid, 'text-halo-color': COLOURS.halo, 'text-halo-width': 1.2 },
      });
      m.addLayer({
        id: 'track-line',
        type: 'line',
        source: 'track',
        paint: { 'line-color': '#34d399', 'line-width': 4, 'line-opacity': 0.85 },
      });
      m.addLayer({
        id: 'here-dot',
        type: 'circle',
        source: 'here',
        paint: { 'circle-radius': 8, 'circle-color': '#38bdf8', 'circle-stroke-color': '#fff', 'circle-stroke-width': 3 },
      });
      ready.current = true;
      // For the load benchmark and anyone measuring: when the map could first be used.
      if (performance.getEntriesByName('field-map-loaded').length === 0) performance.mark('field-map-loaded');
      update();
    });
    return () => {
      ready.current = false;
      marker.current = null;
      map.current = null;
      m.remove();
    };
    // The map is made once per grid set; positions and the pin are updated below.
  }, [grids]);

  const update = () => {
    const m = map.current;
    if (!m || !ready.current) return;
    const { here: h, pin: p, track: t } = latest.current;
    m.getSource<GeoJSONSource>('here')?.setData(
      h
        ? {
            type: 'FeatureCollection',
            features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [h.lng, h.lat] }, properties: {} }],
          }
        : EMPTY,
    );
    m.getSource<GeoJSONSource>('track')?.setData(
      t && t.length > 1
        ? { type: 'Feature', geometry: { type: 'LineString', coordinates: t.map((f) => [f.lng, f.lat]) }, properties: {} }
        : EMPTY,
    );
    if (h && !p && !centred.current) {
      centred.current = true;
      m.jumpTo({ center: [h.lng, h.lat], zoom: Math.max(m.getZoom(), 15) });
    }
    if (p && onPinRef.current) {
      if (!marker.current) {
        marker.current = new maplibregl.Marker({ draggable: true, color: '#f97316' }).setLngLat([p.lng, p.lat]).addTo(m);
        marker.current.on('dragend', () => {
          const ll = marker.current?.getLngLat();
          if (ll) onPinRef.current?.({ lng: ll.lng, lat: ll.lat });
        });
        m.jumpTo({ center: [p.lng, p.lat], zoom: Math.max(m.getZoom(), 15) });
        centred.current = true;
      } else {
        marker.current.setLngLat([p.lng, p.lat]);
      }
    } else if (marker.current) {
      marker.current.remove();
      marker.current = null;
    }
  };

  useEffect(update, [here?.lng, here?.lat, pin?.lng, pin?.lat, track]);

  return <div ref={container} className={className} data-testid="field-map" />;
}

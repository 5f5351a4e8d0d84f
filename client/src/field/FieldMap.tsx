import { useEffect, useRef } from 'react';
import maplibregl, { type GeoJSONSource, type Map as MaplibreMap, type Marker } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { Fix } from '@streetchief/shared/field/track';
import type { GridCollection } from '../api/grids.ts';
import { COLOURS, LABEL_FONT, LOCAL_IDEOGRAPH_FONT_FAMILY, plainStyle } from '../map/style.ts';
import { buildLabelPoints } from '../map/labels.ts';
import type { Lang } from '../i18n/dict.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

export interface FieldMapProps {
  grids: GridCollection;
  /** Where the phone is. */
  here: { lng: number; lat: number } | null;
  /** A draggable pin for the report location (`pick` mode); dragging it calls `onPin`. */
  pin?: { lng: number; lat: number } | null;
  onPin?: (p: { lng: number; lat: number }) => void;
  /** Today's kept fixes, drawn as a line. */
  track?: readonly Fix[];
  /** The grid the report is in: the first view shows all of it and its neighbours' edges. */
  focusGrid?: string | null;
  className?: string;
}

/** Closest the first view goes: streets and the grid around, not two lines of one grid. */
const MAX_FOCUS_ZOOM = 16;

/** The grid labels in the reader's language (English names where the district has them). */
function labelsIn(grids: GridCollection, lang: Lang): GeoJSON.FeatureCollection {
  if (lang !== 'en') return buildLabelPoints(grids);
  const english = {
    ...grids,
    features: grids.features.map((f) => ({
      ...f,
      properties: {
        ...f.properties,
        name: f.properties.nameEn ?? f.properties.name,
        communityName: f.properties.communityNameEn ?? f.properties.communityName,
      },
    })),
  };
  const points = buildLabelPoints(english);
  // "Xiaojiao Grid 01" less its community reads " Grid 01".
  for (const f of points.features) f.properties = { ...f.properties, name: f.properties.name.trim() };
  return points;
}

/** `[[w, s], [e, n]]` of one grid, or null when it is not in the set. */
function gridBounds(grids: GridCollection, code: string): [[number, number], [number, number]] | null {
  const f = grids.features.find((x) => x.properties.code === code);
  if (!f || f.geometry.type !== 'Polygon') return null;
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of (f.geometry.coordinates as [number, number][][])[0] ?? []) {
    w = Math.min(w, x);
    e = Math.max(e, x);
    s = Math.min(s, y);
    n = Math.max(n, y);
  }
  return Number.isFinite(w)
    ? [
        [w, s],
        [e, n],
      ]
    : null;
}

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * The field app's map: the grids with their names, "you are here", today's track and, when
 * reporting, a pin to drag. A default export so the app loads it (and MapLibre, about 1 MB) only
 * after the report form is on screen: on a slow connection the form must not wait for the map.
 */
export default function FieldMap({ grids, here, pin, onPin, track, focusGrid, className }: FieldMapProps) {
  const { lang } = useI18n();
  const langRef = useRef(lang);
  langRef.current = lang;
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MaplibreMap | null>(null);
  const marker = useRef<Marker | null>(null);
  const ready = useRef(false);
  /** The camera follows the phone until it has shown it once; after that the user pans freely. */
  const centred = useRef(false);
  const onPinRef = useRef(onPin);
  onPinRef.current = onPin;
  const latest = useRef({ here, pin, track, focusGrid });
  latest.current = { here, pin, track, focusGrid };

  useEffect(() => {
    if (!container.current) return;
    const [w, s, e, n] = grids.bbox;
    const start = latest.current.pin ?? latest.current.here;
    const m = new maplibregl.Map({
      container: container.current,
      style: plainStyle(),
      ...(start
        ? { center: [start.lng, start.lat] as [number, number], zoom: MAX_FOCUS_ZOOM }
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
      m.addSource('labels', { type: 'geojson', data: labelsIn(grids, langRef.current) });
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
    // For tests and people measuring: the zoom the map shows.
    const showZoom = () => container.current?.setAttribute('data-zoom', m.getZoom().toFixed(2));
    m.on('moveend', showZoom);
    showZoom();
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
    const { here: h, pin: p, track: t, focusGrid: g } = latest.current;
    /** The first view of a place: its whole grid when known (at most zoom 16), else zoom 16 around it. */
    const show = (at: { lng: number; lat: number }) => {
      const bounds = g ? gridBounds(grids, g) : null;
      if (bounds) {
        const camera = m.cameraForBounds(bounds, { padding: 12, maxZoom: MAX_FOCUS_ZOOM });
        // Centred on the point, as far out as the whole grid needs.
        m.jumpTo({ center: [at.lng, at.lat], zoom: camera?.zoom ?? MAX_FOCUS_ZOOM });
      } else m.jumpTo({ center: [at.lng, at.lat], zoom: MAX_FOCUS_ZOOM });
    };
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
      show(h);
    }
    if (p && onPinRef.current) {
      if (!marker.current) {
        marker.current = new maplibregl.Marker({ draggable: true, color: '#f97316' }).setLngLat([p.lng, p.lat]).addTo(m);
        marker.current.on('dragend', () => {
          const ll = marker.current?.getLngLat();
          if (ll) onPinRef.current?.({ lng: ll.lng, lat: ll.lat });
        });
        if (!centred.current) show(p);
        else m.panTo([p.lng, p.lat]);
        centred.current = true;
      } else {
        marker.current.setLngLat([p.lng, p.lat]);
      }
    } else if (marker.current) {
      marker.current.remove();
      marker.current = null;
    }
  };

  useEffect(update, [here?.lng, here?.lat, pin?.lng, pin?.lat, track, focusGrid]);

  useEffect(() => {
    if (ready.current) map.current?.getSource<GeoJSONSource>('labels')?.setData(labelsIn(grids, lang));
  }, [grids, lang]);

  return <div ref={container} className={className} data-testid="field-map" />;
}

import maplibregl, { type GeoJSONSource, type LngLatBoundsLike, type Map as MaplibreMap } from 'maplibre-gl';
import type { Incident } from '@streetchief/shared/domain/incident';
import type { GridCollection } from '../api/grids.ts';
import { filingMarkChanges, type FilingMark } from '../common/filing.ts';
import { fallbackBoundaries, loadBoundaries, type BoundaryCollection } from './boundaries.ts';
import { FILING_IMAGE, filingSheetImage } from './filingIcon.ts';
import { buildLabelPoints } from './labels.ts';
import { HaloPulse, prefersReducedMotion } from './haloPulse.ts';
import { GridShader, MarkerDiffer } from './markerDiff.ts';
import { ICON_PIXEL_RATIO, markerImages } from './markerIcons.ts';
import { PatrolLayers } from './patrolLayers.ts';
import {
  CLUSTER_RADIUS_PX,
  HALO_BASE_RADIUS,
  LOCAL_IDEOGRAPH_FONT_FAMILY,
  NAME_LAYERS,
  nameField,
  plainStyle,
  SCALED,
  SOURCE_BOUNDARIES,
  SOURCE_GRIDS,
  SOURCE_INCIDENTS,
  SOURCE_LABELS,
  TEXT_LAYERS,
  wallLayers,
} from './style.ts';

/** What the map needs from the live state; the sync module satisfies it without the map importing it. */
export interface IncidentFeed {
  getState(): { incidents: ReadonlyMap<string, Incident> };
  subscribe(listener: (change: { ids: readonly string[]; reset: boolean }) => void): () => void;
}

export interface WallMapOptions {
  container: HTMLElement;
  grids: GridCollection;
  feed: IncidentFeed;
  /** A basemap style URL (a site with a tile server); the wall layers go on top of it. */
  basemapStyle?: string | null;
  now?: () => number;
  /** CSS px (at 1920×1080, scaled with the wall) kept clear at the left edge, e.g. for a legend. */
  reserveLeft?: number;
  /** CSS px (at 1920×1080, scaled with the wall) kept clear at the bottom edge, e.g. for a legend. */
  reserveBottom?: number;
  /** The language of the map's names (default Chinese). */
  lang?: 'zh-CN' | 'en';
}

/** Overdue and "closed today" depend on the clock, not only on events: re-evaluate this often. */
const CLOCK_TICK_MS = 30_000;
const BASEMAP_TIMEOUT_MS = 15_000;

/** The overdue halo layer (it pulses around `HALO_BASE_RADIUS`). */
const HALO_LAYER = 'incident-halo';

/** The wall's scale relative to 1920×1080 (2 on a 4K wall at 100% zoom). */
export function wallScale(): number {
  return Math.max(0.5, Math.min(window.innerWidth / 1920, window.innerHeight / 1080));
}

/**
 * The wall map without React: creates the MapLibre map once, adds the grid, label and case
 * layers once, and from then on only applies diffs (`updateData`) and feature state
 * (`setFeatureState`). Nobody touches a wall, so all interaction is off.
 */
export class WallMapController {
  readonly map: MaplibreMap;
  private readonly differ = new MarkerDiffer();
  private readonly shader = new GridShader();
  private readonly bbox: LngLatBoundsLike;
  private readonly now: () => number;
  private unsubscribe: (() => void) | null = null;
  private tick: ReturnType<typeof setInterval> | null = null;
  private ready = false;
  private renderedGrids = 0;
  private destroyed = false;
  private basemapTimer: ReturnType<typeof setTimeout> | null = null;
  private overBasemap: boolean;
  private pulse: HaloPulse | null = null;
  /** Daily-report marks asked for, and those on the map (feature state on the grid polygons and points). */
  private filingWanted: ReadonlyMap<string, FilingMark> = new Map();
  private readonly filingApplied = new Map<string, FilingMark>();
  private patrol: PatrolLayers | null = null;
  private boundaries: { stop: () => void } | null = null;
  private boundariesLoaded = false;
  private scale = wallScale();
  private lang: 'zh-CN' | 'en';

  constructor(private readonly opts: WallMapOptions) {
    this.now = opts.now ?? (() => Date.now());
    this.lang = opts.lang ?? 'zh-CN';
    this.overBasemap = !!opts.basemapStyle;
    const [w, s, e, n] = opts.grids.bbox;
    this.bbox = [
      [w, s],
      [e, n],
    ];
    this.map = new maplibregl.Map({
      container: opts.container,
      style: opts.basemapStyle || plainStyle(),
      bounds: this.bbox,
      fitBoundsOptions: { padding: this.padding() },
      interactive: false,
      attributionControl: opts.basemapStyle ? { compact: true } : false,
      renderWorldCopies: false,
      localIdeographFontFamily: LOCAL_IDEOGRAPH_FONT_FAMILY,
      // A wall redraws rarely; no need to keep the GPU busy between changes.
      fadeDuration: 150,
    });
    this.map.on('load', () => this.onLoad());
    this.map.on('resize', () => this.onResize());
    this.map.on('idle', () => {
      this.countRenderedGrids();
      // The overdue halos start beating once the first full picture is drawn (never before it).
      this.pulse?.start();
    });
    // Also when the grid tiles arrive: an animated map is idle less often, and only briefly.
    this.map.on('sourcedata', (e) => {
      if (e.sourceId === SOURCE_GRIDS && e.isSourceLoaded) this.countRenderedGrids();
    });
    this.map.on('error', (e) => console.warn('[map]', e.error?.message ?? e));
    if (opts.basemapStyle) {
      // A wall must show the grids even when the configured tile server is down.
      this.basemapTimer = setTimeout(() => {
        if (!this.ready && !this.destroyed) {
          console.warn('[map] basemap did not load; falling back to the plain style');
          this.overBasemap = false;
          this.map.setStyle(plainStyle());
        }
      }, BASEMAP_TIMEOUT_MS);
    }
  }

  /** The map has its layers and data. */
  get loaded(): boolean {
    return this.ready;
  }

  /** Grid features the map has rendered (unique grid codes in the loaded tiles). */
  get gridFeatureCount(): number {
    return this.renderedGrids;
  }

  /** Ids of the cases shown as markers. */
  markerIds(): string[] {
    return this.differ.ids();
  }

  /** Names in `lang` from now on (the layers stay; only their text changes). */
  setLanguage(lang: 'zh-CN' | 'en'): void {
    this.lang = lang;
    if (!this.ready || this.destroyed) return;
    this.applyLanguage();
  }

  private applyLanguage(): void {
    for (const layer of NAME_LAYERS) this.map.setLayoutProperty(layer, 'text-field', nameField(this.lang));
    // Chinese street names are spaced out (列 东 街 道); English words are not.
    this.map.setLayoutProperty('street-label', 'text-letter-spacing', this.lang === 'en' ? 0.02 : 0.25);
  }

  /** The patrol layers, once the map has its own (null before). */
  patrolLayers(): PatrolLayers | null {
    return this.patrol;
  }

  /** The server's community and street outlines have arrived (names show from the start). */
  get boundariesShown(): boolean {
    return this.boundariesLoaded;
  }

  /** Text size of each name layer now, CSS px. */
  textSizes(): Record<string, number> {
    const out: Record<string, number> = {};
    if (!this.ready) return out;
    for (const layer of Object.keys(TEXT_LAYERS)) {
      const v = this.map.getLayoutProperty(layer, 'text-size');
      if (typeof v === 'number') out[layer] = v;
    }
    const patrol = this.map.getLayer('patrol-position') ? this.map.getLayoutProperty('patrol-position', 'text-size') : undefined;
    if (typeof patrol === 'number') out['patrol-position'] = patrol;
    return out;
  }

  /** What the map has drawn of `layer` (names, markers, clusters …): its features' properties. */
  rendered(layer: string): Record<string, unknown>[] {
    if (!this.ready || !this.map.getLayer(layer)) return [];
    return this.map.queryRenderedFeatures({ layers: [layer] }).map((f) => ({ ...f.properties }));
  }

  /** What the map drew of `layer` within `radius` CSS px of a place (e.g. the cluster over some cases). */
  renderedAt(layer: string, lng: number, lat: number, radius = 6): Record<string, unknown>[] {
    if (!this.ready || !this.map.getLayer(layer)) return [];
    const { x, y } = this.map.project([lng, lat]);
    return this.map
      .queryRenderedFeatures(
        [
          [x - radius, y - radius],
          [x + radius, y + radius],
        ],
        { layers: [layer] },
      )
      .map((f) => ({ ...f.properties }));
  }

  /** The style's layer ids, bottom to top. */
  layerOrder(): string[] {
    return this.ready ? this.map.getStyle().layers.map((l) => l.id) : [];
  }

  /**
   * Today's daily-report mark per grid (日巡日报): 'done' where every expected report is filed,
   * 'due' where some are not yet; grids left out get none. Applied as feature state, only for the
   * grids that change, as soon as the map has its layers.
   */
  setFiling(marks: ReadonlyMap<string, FilingMark>): void {
    this.filingWanted = marks;
    this.applyFiling();
  }

  /** Grids the map shows as "every daily report filed", read back from the map's feature state. */
  filedGrids(): string[] {
    if (!this.ready) return [];
    return [...this.filingApplied.keys()].filter(
      (code) =>
        this.map.getFeatureState({ source: SOURCE_GRIDS, id: code }).filing === 'done' &&
        this.map.getFeatureState({ source: SOURCE_LABELS, id: code }).filing === 'done',
    );
  }

  /** The overdue halo's radius now (it pulses while cases are overdue), or null before load. */
  haloRadius(): number | null {
    if (!this.ready) return null;
    const r = this.map.getPaintProperty(HALO_LAYER, 'circle-radius');
    return typeof r === 'number' ? r : null;
  }

  destroy(): void {
    this.destroyed = true;
    if (this.basemapTimer) clearTimeout(this.basemapTimer);
    this.unsubscribe?.();
    if (this.tick) clearInterval(this.tick);
    this.pulse?.stop();
    this.pulse = null;
    this.boundaries?.stop();
    this.map.remove();
  }

  private padding(): { top: number; right: number; bottom: number; left: number } {
    const k = wallScale();
    const p = Math.round(28 * k);
    return {
      top: p,
      right: p,
      bottom: p + Math.round((this.opts.reserveBottom ?? 0) * k),
      left: p + Math.round((this.opts.reserveLeft ?? 0) * k),
    };
  }

  private onLoad(): void {
    if (this.destroyed) return;
    if (this.basemapTimer) clearTimeout(this.basemapTimer);
    const map = this.map;
    for (const { kind, data } of markerImages()) {
      if (!map.hasImage(kind)) map.addImage(kind, data, { pixelRatio: ICON_PIXEL_RATIO });
    }
    if (!map.hasImage(FILING_IMAGE)) map.addImage(FILING_IMAGE, filingSheetImage(), { pixelRatio: ICON_PIXEL_RATIO });
    map.addSource(SOURCE_GRIDS, { type: 'geojson', data: this.opts.grids as GeoJSON.FeatureCollection, promoteId: 'code' });
    // Grid label points carry their grid's code, so the daily-report sheet can be shown by feature state.
    map.addSource(SOURCE_LABELS, { type: 'geojson', data: buildLabelPoints(this.opts.grids), promoteId: 'code' });
    // Markers that would touch are drawn as one cluster with their count and how many are overdue.
    map.addSource(SOURCE_INCIDENTS, {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
      promoteId: 'id',
      cluster: true,
      clusterRadius: Math.round(CLUSTER_RADIUS_PX * this.scale),
      clusterProperties: { o: ['+', ['get', 'o']], z: ['max', ['get', 'z']] },
    });
    // Names at once from the grids; the outlines (and better name points) when the server sends them.
    map.addSource(SOURCE_BOUNDARIES, { type: 'geojson', data: fallbackBoundaries(this.opts.grids) });
    for (const layer of wallLayers(this.overBasemap)) map.addLayer(layer);
    this.patrol = new PatrolLayers(map, this.scale);
    this.applyLanguage();
    this.boundaries = loadBoundaries((b) => this.setBoundaries(b));
    this.applyScale();
    if (!prefersReducedMotion()) {
      this.pulse = new HaloPulse(map, {
        layer: HALO_LAYER,
        baseRadius: () => HALO_BASE_RADIUS * wallScale(),
        active: () => this.differ.hasKind('overdue'),
      });
    }

    this.ready = true;
    this.refresh();
    this.applyFiling();
    this.unsubscribe = this.opts.feed.subscribe((change) => this.refresh(change.reset ? undefined : change.ids));
    this.tick = setInterval(() => this.refresh(), CLOCK_TICK_MS);
  }

  /** Applies the markers and grid states for the given ids (all when omitted). */
  private refresh(ids?: readonly string[]): void {
    if (!this.ready || this.destroyed) return;
    const now = new Date(this.now());
    const { incidents } = this.opts.feed.getState();
    const diff = this.differ.diff(incidents, now, ids);
    if (diff) this.map.getSource<GeoJSONSource>(SOURCE_INCIDENTS)?.updateData(diff);
    for (const { code, state } of this.shader.changes(incidents, now)) {
      this.map.setFeatureState({ source: SOURCE_GRIDS, id: code }, state);
    }
  }

  private applyFiling(): void {
    if (!this.ready || this.destroyed) return;
    for (const { code, mark } of filingMarkChanges(this.filingApplied, this.filingWanted)) {
      for (const source of [SOURCE_GRIDS, SOURCE_LABELS]) {
        if (mark) this.map.setFeatureState({ source, id: code }, { filing: mark });
        else this.map.removeFeatureState({ source, id: code }, 'filing');
      }
      if (mark) this.filingApplied.set(code, mark);
      else this.filingApplied.delete(code);
    }
  }

  private setBoundaries(b: BoundaryCollection): void {
    if (this.destroyed || !this.ready) return;
    // The server's collection holds the name points too; where it lacks a community or street
    // the grids list, the name computed here stays.
    const have = new Set(b.features.filter((f) => f.properties.role === 'label').map((f) => `${f.properties.level}:${f.properties.code}`));
    const missing = fallbackBoundaries(this.opts.grids).features.filter((f) => !have.has(`${f.properties.level}:${f.properties.code}`));
    this.map.getSource<GeoJSONSource>(SOURCE_BOUNDARIES)?.setData({ type: 'FeatureCollection', features: [...b.features, ...missing] });
    this.boundariesLoaded = true;
  }

  private onResize(): void {
    this.map.fitBounds(this.bbox, { padding: this.padding(), animate: false });
    if (!this.ready) return;
    const k = wallScale();
    if (k !== this.scale) {
      this.scale = k;
      this.map
        .getSource<GeoJSONSource>(SOURCE_INCIDENTS)
        ?.setClusterOptions({ cluster: true, clusterRadius: Math.round(CLUSTER_RADIUS_PX * k) });
    }
    this.applyScale();
  }

  /** Label, icon and line sizes follow the wall's scale, like the CSS around the map does. */
  private applyScale(): void {
    const k = this.scale;
    for (const { layer, kind, property, value } of SCALED) {
      if (kind === 'layout') this.map.setLayoutProperty(layer, property, value(k));
      else this.map.setPaintProperty(layer, property, value(k));
    }
    this.patrol?.rescale(k);
    this.pulse?.rescale();
  }

  private countRenderedGrids(): void {
    if (!this.ready || this.renderedGrids >= this.opts.grids.features.length) return;
    const codes = new Set<unknown>();
    for (const f of this.map.querySourceFeatures(SOURCE_GRIDS)) codes.add(f.properties?.code);
    codes.delete(undefined);
    this.renderedGrids = codes.size;
  }
}

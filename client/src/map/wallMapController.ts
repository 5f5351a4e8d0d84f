import maplibregl, { type GeoJSONSource, type LngLatBoundsLike, type Map as MaplibreMap } from 'maplibre-gl';
import type { Incident } from '@streetchief/shared/domain/incident';
import type { GridCollection } from '../api/grids.ts';
import { filingMarkChanges, type FilingMark } from '../common/filing.ts';
import { FILING_IMAGE, filingSheetImage } from './filingIcon.ts';
import { buildLabelPoints } from './labels.ts';
import { HaloPulse, prefersReducedMotion } from './haloPulse.ts';
import { GridShader, MarkerDiffer } from './markerDiff.ts';
import { ICON_PIXEL_RATIO, markerImages } from './markerIcons.ts';
import {
  LOCAL_IDEOGRAPH_FONT_FAMILY,
  plainStyle,
  SCALED_LAYOUT,
  SCALED_PAINT,
  SOURCE_GRIDS,
  SOURCE_INCIDENTS,
  SOURCE_LABELS,
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
}

/** Overdue and "closed today" depend on the clock, not only on events: re-evaluate this often. */
const CLOCK_TICK_MS = 30_000;
const BASEMAP_TIMEOUT_MS = 15_000;

/** The overdue halo layer and its resting radius at 1920×1080 (it pulses around that). */
const HALO_LAYER = 'incident-halo';
const HALO_BASE_RADIUS = SCALED_PAINT.find((p) => p.layer === HALO_LAYER)?.base ?? 20;

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

  constructor(private readonly opts: WallMapOptions) {
    this.now = opts.now ?? (() => Date.now());
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
    this.map.remove();
  }

  private padding(): { top: number; right: number; bottom: number; left: number } {
    const k = wallScale();
    const p = Math.round(28 * k);
    return { top: p, right: p, bottom: p, left: p + Math.round((this.opts.reserveLeft ?? 0) * k) };
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
    map.addSource(SOURCE_INCIDENTS, { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'id' });
    for (const layer of wallLayers(this.overBasemap)) map.addLayer(layer);
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

  private onResize(): void {
    this.map.fitBounds(this.bbox, { padding: this.padding(), animate: false });
    if (this.ready) this.applyScale();
  }

  /** Label and icon sizes follow the wall's scale, like the CSS around the map does. */
  private applyScale(): void {
    const k = wallScale();
    for (const { layer, property, base } of SCALED_LAYOUT) this.map.setLayoutProperty(layer, property, base * k);
    for (const { layer, property, base } of SCALED_PAINT) this.map.setPaintProperty(layer, property, base * k);
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

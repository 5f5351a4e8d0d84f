import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { FILING_COLOURS, FILING_IMAGE } from './filingIcon.ts';

/**
 * The wall map's style, built in code. No tile server and no `glyphs` URL: since MapLibre GL JS
 * 5.11 a style without `glyphs` draws every label locally with TinySDF, using the `text-font`
 * names as a CSS font-family list (plus `sans-serif`), so the installed Noto Sans CJK renders the
 * Chinese names. The weight is sniffed from the first name ("Bold" → 700).
 *
 * Read from five metres: street names 30 px, community names 21 px, grid names 18 px at
 * 1920×1080 (twice that at 4K, see `SCALED`); case markers that touch are drawn as one cluster
 * with a count; street and community names are placed first and drawn above the markers, so no
 * marker hides one; grid names show only where they have room.
 */

export const SOURCE_GRIDS = 'grids';
export const SOURCE_LABELS = 'grid-labels';
export const SOURCE_INCIDENTS = 'incidents';
export const SOURCE_BOUNDARIES = 'boundaries';

/** CSS font families, most specific first; the first name's "Bold"/"Medium" sets the weight. */
export const LABEL_FONT_BOLD = ['Noto Sans CJK SC Bold', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC'];
export const LABEL_FONT = ['Noto Sans CJK SC Regular', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC'];
/** For CJK characters in layers that keep the default font stack (a basemap's own labels). */
export const LOCAL_IDEOGRAPH_FONT_FAMILY = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

export const COLOURS = {
  background: '#07101f',
  gridBase: '#0f2038',
  gridLine: '#4a6a94',
  overdueLine: '#ff5a5f',
  communityLine: '#9fc8ff',
  streetLine: '#f1f5ff',
  streetCasing: '#050b16',
  labelStreet: '#ffffff',
  labelCommunity: '#e8f0fb',
  labelGrid: '#a9bedb',
  halo: '#050b16',
  cluster: '#1e5fa8',
  clusterOverdue: '#dc2626',
};

/** Text sizes at 1920×1080, CSS px (×2 at 4K). Nothing on the wall is smaller than 18 px. */
export const MAP_TEXT_PX = { street: 30, community: 21, grid: 18, cluster: 18, patrol: 18 } as const;

/** Case markers closer than this (CSS px at 1920×1080) are drawn as one cluster. */
export const CLUSTER_RADIUS_PX = 26;

/** The style when no basemap is configured: just a background; the wall layers go on top. */
export function plainStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'streetchief-wall',
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': COLOURS.background } }],
  };
}

const open: ExpressionSpecification = ['coalesce', ['feature-state', 'open'], 0];
const overdue: ExpressionSpecification = ['coalesce', ['feature-state', 'overdue'], 0];
/** A grid's daily-report mark (日巡日报): 'done', 'due', or none where nobody is expected to file. */
const filing: ExpressionSpecification = ['coalesce', ['feature-state', 'filing'], 'none'];
const isCluster: ExpressionSpecification = ['has', 'point_count'];
/** Overdue cases at a point: 1 for an overdue marker, the sum for a cluster. */
const overdueHere: ExpressionSpecification = ['coalesce', ['get', 'o'], 0];
const boundary = (level: 'street' | 'community', role: 'area' | 'label'): ExpressionSpecification => [
  'all',
  ['==', ['get', 'level'], level],
  ['==', ['get', 'role'], role],
];

/** The layer the patrol layers are inserted under: above the case markers, below the names. */
export const PATROL_LAYERS_BEFORE = 'community-label';

/**
 * The wall layers, bottom to top: grid shading by feature state (open / overdue counts), grid,
 * community and street outlines, grid names, daily-report marks, overdue halos, case markers and
 * clusters, (the patrol layers go here), community and street names. `overBasemap` makes the
 * fills translucent. MapLibre places the symbols of upper layers first, so street and community
 * names always get their place; markers are drawn even where they touch a name, but beneath it.
 */
export function wallLayers(overBasemap: boolean): LayerSpecification[] {
  return [
    {
      id: 'grid-fill',
      type: 'fill',
      source: SOURCE_GRIDS,
      paint: {
        'fill-color': [
          'case',
          ['>', overdue, 0],
          ['interpolate', ['linear'], overdue, 1, '#5c1a26', 3, '#7f1d2d', 6, '#a3213a'],
          ['>', open, 0],
          ['interpolate', ['linear'], open, 1, '#163556', 4, '#1d4f80', 10, '#2767a8'],
          COLOURS.gridBase,
        ],
        'fill-opacity': overBasemap ? 0.55 : 0.92,
      },
    },
    {
      id: 'grid-line',
      type: 'line',
      source: SOURCE_GRIDS,
      paint: { 'line-color': COLOURS.gridLine, 'line-width': 1, 'line-opacity': 0.45 },
    },
    {
      // Daily reports not all in yet: a dashed amber line inside the grid's edge (dashes: shape,
      // not only colour). Shown by feature state; the width follows the wall's scale.
      id: 'grid-filing-due',
      type: 'line',
      source: SOURCE_GRIDS,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': FILING_COLOURS.due,
        'line-width': 1.5,
        'line-offset': 5,
        'line-dasharray': [2.5, 1.5],
        'line-opacity': ['case', ['==', filing, 'due'], 0.95, 0],
      },
    },
    {
      // Shape, not only colour: grids with overdue cases get a heavy outline.
      id: 'grid-overdue-line',
      type: 'line',
      source: SOURCE_GRIDS,
      paint: {
        'line-color': COLOURS.overdueLine,
        'line-width': ['case', ['>', overdue, 0], 2.5, 0],
        'line-opacity': 0.95,
      },
    },
    {
      id: 'community-line',
      type: 'line',
      source: SOURCE_BOUNDARIES,
      filter: boundary('community', 'area'),
      layout: { 'line-join': 'round' },
      paint: { 'line-color': COLOURS.communityLine, 'line-width': 2.5, 'line-opacity': 0.95 },
    },
    {
      // Streets: the heaviest line on the map, on a dark casing so it reads over any shading.
      id: 'street-casing',
      type: 'line',
      source: SOURCE_BOUNDARIES,
      filter: boundary('street', 'area'),
      layout: { 'line-join': 'round' },
      paint: { 'line-color': COLOURS.streetCasing, 'line-width': 8, 'line-opacity': 0.8 },
    },
    {
      id: 'street-line',
      type: 'line',
      source: SOURCE_BOUNDARIES,
      filter: boundary('street', 'area'),
      layout: { 'line-join': 'round' },
      paint: { 'line-color': COLOURS.streetLine, 'line-width': 4, 'line-opacity': 0.95 },
    },
    {
      // Grid names where they have room: lowest placement priority, hidden by anything they touch.
      id: 'grid-label',
      type: 'symbol',
      source: SOURCE_LABELS,
      filter: ['==', ['get', 'kind'], 'grid'],
      layout: {
        'text-field': ['get', 'name'],
        'text-font': LABEL_FONT,
        'text-size': MAP_TEXT_PX.grid,
        'text-max-width': 8,
        'text-padding': 2,
        'symbol-sort-key': ['get', 'rank'],
      },
      paint: { 'text-color': COLOURS.labelGrid, 'text-halo-color': COLOURS.halo, 'text-halo-width': 1.5, 'text-opacity': 0.9 },
    },
    {
      // Every expected daily report filed: a report sheet with a check just above the grid's name.
      // Never hides a label or a case marker (no placement), and sits under the markers.
      id: 'grid-filing-done',
      type: 'symbol',
      source: SOURCE_LABELS,
      filter: ['==', ['get', 'kind'], 'grid'],
      layout: {
        'icon-image': FILING_IMAGE,
        'icon-anchor': 'bottom',
        'icon-offset': [0, -6],
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
      },
      paint: { 'icon-opacity': ['case', ['==', filing, 'done'], 1, 0] },
    },
    {
      id: 'incident-halo',
      type: 'circle',
      source: SOURCE_INCIDENTS,
      filter: ['>', overdueHere, 0],
      paint: {
        'circle-radius': 22,
        'circle-color': '#ef4444',
        'circle-opacity': 0.22,
        'circle-stroke-color': '#ff6b6b',
        'circle-stroke-width': 2,
        'circle-stroke-opacity': 0.9,
      },
    },
    {
      // Several cases on top of each other: one disc with their number, red with a white rim when
      // any of them is overdue (the halo beats around it as around an overdue marker).
      id: 'incident-cluster',
      type: 'circle',
      source: SOURCE_INCIDENTS,
      filter: isCluster,
      paint: {
        'circle-radius': 16,
        'circle-color': ['case', ['>', overdueHere, 0], COLOURS.clusterOverdue, COLOURS.cluster],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': ['case', ['>', overdueHere, 0], 3, 2],
      },
    },
    {
      id: 'incident-icon',
      type: 'symbol',
      source: SOURCE_INCIDENTS,
      filter: ['!', isCluster],
      layout: {
        'icon-image': ['get', 'm'],
        // Shown even where they touch a name (names are placed first and drawn above them), but
        // grid names give way to them.
        'icon-allow-overlap': true,
        'symbol-sort-key': ['get', 'z'],
        'symbol-z-order': 'source',
      },
    },
    {
      id: 'incident-cluster-count',
      type: 'symbol',
      source: SOURCE_INCIDENTS,
      filter: isCluster,
      layout: {
        'text-field': ['to-string', ['get', 'point_count']],
        'text-font': LABEL_FONT_BOLD,
        'text-size': MAP_TEXT_PX.cluster,
        'text-allow-overlap': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
    {
      id: 'community-label',
      type: 'symbol',
      source: SOURCE_BOUNDARIES,
      filter: boundary('community', 'label'),
      layout: {
        'text-field': ['get', 'name'],
        'text-font': LABEL_FONT_BOLD,
        'text-size': MAP_TEXT_PX.community,
        'text-max-width': 8,
        'text-padding': 1,
        // Where a name would touch a street's or a neighbour's, it moves just above, below or beside
        // its point rather than being left out.
        'text-variable-anchor': ['center', 'top', 'bottom', 'left', 'right'],
        'text-radial-offset': 0.9,
        // Big communities' names first when two would collide.
        'symbol-sort-key': ['-', 0, ['get', 'areaM2']],
      },
      paint: { 'text-color': COLOURS.labelCommunity, 'text-halo-color': COLOURS.halo, 'text-halo-width': 2.5 },
    },
    {
      id: 'street-label',
      type: 'symbol',
      source: SOURCE_BOUNDARIES,
      filter: boundary('street', 'label'),
      layout: {
        'text-field': ['get', 'name'],
        'text-font': LABEL_FONT_BOLD,
        'text-size': MAP_TEXT_PX.street,
        'text-letter-spacing': 0.25,
        'text-max-width': 12,
        // A street's name is never left out, and placed first: its point is chosen away from the
        // community names (boundaries.ts), which keep theirs; grid names make way for both.
        'text-allow-overlap': true,
      },
      paint: {
        'text-color': COLOURS.labelStreet,
        'text-halo-color': 'rgba(5, 11, 22, 0.9)',
        'text-halo-width': 3.5,
        'text-halo-blur': 0.5,
        'text-opacity': 0.92,
      },
    },
  ];
}

/** The name layers, whose text follows the screen's language (English names where the district has them). */
export const NAME_LAYERS = ['street-label', 'community-label', 'grid-label'] as const;

/** A name layer's text in `lang`: the English name when there is one, else the Chinese. */
export function nameField(lang: 'zh-CN' | 'en'): ExpressionSpecification {
  return lang === 'en' ? ['coalesce', ['get', 'nameEn'], ['get', 'name']] : ['get', 'name'];
}

/** Where the text size of each name layer is set, for tests and the debug hooks. */
export const TEXT_LAYERS = {
  'street-label': MAP_TEXT_PX.street,
  'community-label': MAP_TEXT_PX.community,
  'grid-label': MAP_TEXT_PX.grid,
  'incident-cluster-count': MAP_TEXT_PX.cluster,
} as const;

export interface ScaledProperty {
  layer: string;
  kind: 'layout' | 'paint';
  property: string;
  /** The value at the wall's scale `k` (1 at 1920×1080, 2 at 4K). */
  value: (k: number) => unknown;
}

const times = (base: number) => (k: number) => base * k;

/** Every size on the map follows the wall's scale, like the CSS around it (rem). */
export const SCALED: ScaledProperty[] = [
  ...Object.entries(TEXT_LAYERS).map(([layer, px]) => ({ layer, kind: 'layout' as const, property: 'text-size', value: times(px) })),
  { layer: 'incident-icon', kind: 'layout', property: 'icon-size', value: times(1) },
  { layer: 'grid-filing-done', kind: 'layout', property: 'icon-size', value: times(1) },
  { layer: 'incident-halo', kind: 'paint', property: 'circle-radius', value: times(22) },
  { layer: 'incident-halo', kind: 'paint', property: 'circle-stroke-width', value: times(2) },
  {
    layer: 'incident-cluster',
    kind: 'paint',
    property: 'circle-radius',
    value: (k) => ['*', k, ['step', ['get', 'point_count'], 15, 5, 17, 10, 19, 30, 22]],
  },
  {
    layer: 'incident-cluster',
    kind: 'paint',
    property: 'circle-stroke-width',
    value: (k) => ['case', ['>', overdueHere, 0], 3 * k, 2 * k],
  },
  { layer: 'grid-line', kind: 'paint', property: 'line-width', value: times(1) },
  { layer: 'grid-filing-due', kind: 'paint', property: 'line-width', value: times(1.5) },
  { layer: 'grid-filing-due', kind: 'paint', property: 'line-offset', value: times(5) },
  { layer: 'grid-overdue-line', kind: 'paint', property: 'line-width', value: (k) => ['case', ['>', overdue, 0], 2.5 * k, 0] },
  { layer: 'community-line', kind: 'paint', property: 'line-width', value: times(2.5) },
  { layer: 'street-casing', kind: 'paint', property: 'line-width', value: times(8) },
  { layer: 'street-line', kind: 'paint', property: 'line-width', value: times(4) },
  { layer: 'grid-label', kind: 'paint', property: 'text-halo-width', value: times(1.5) },
  { layer: 'community-label', kind: 'paint', property: 'text-halo-width', value: times(2.5) },
  { layer: 'street-label', kind: 'paint', property: 'text-halo-width', value: times(3.5) },
];

/** The overdue halo's resting radius at 1920×1080 (it pulses around that). */
export const HALO_BASE_RADIUS = 22;

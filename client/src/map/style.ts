import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { FILING_COLOURS, FILING_IMAGE } from './filingIcon.ts';

/**
 * The wall map's style, built in code. No tile server and no `glyphs` URL: since MapLibre GL JS
 * 5.11 a style without `glyphs` draws every label locally with TinySDF, using the `text-font`
 * names as a CSS font-family list (plus `sans-serif`), so the installed Noto Sans CJK renders the
 * Chinese names. The weight is sniffed from the first name ("Bold" → 700).
 */

export const SOURCE_GRIDS = 'grids';
export const SOURCE_LABELS = 'grid-labels';
export const SOURCE_INCIDENTS = 'incidents';

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
  labelCommunity: '#e8f0fb',
  labelGrid: '#a9bedb',
  halo: '#050b16',
};

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

/**
 * The wall layers: grid shading by feature state (open / overdue counts), outlines, daily-report
 * marks, labels, overdue halos and the case markers. `overBasemap` makes the fills translucent.
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
      paint: { 'line-color': COLOURS.gridLine, 'line-width': 1, 'line-opacity': 0.8 },
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
      id: 'grid-label',
      type: 'symbol',
      source: SOURCE_LABELS,
      filter: ['==', ['get', 'kind'], 'grid'],
      layout: {
        'text-field': ['get', 'name'],
        'text-font': LABEL_FONT,
        'text-size': 11,
        'text-max-width': 6,
        'text-padding': 1,
        'symbol-sort-key': ['get', 'rank'],
      },
      paint: { 'text-color': COLOURS.labelGrid, 'text-halo-color': COLOURS.halo, 'text-halo-width': 1.2, 'text-opacity': 0.85 },
    },
    {
      id: 'community-label',
      type: 'symbol',
      source: SOURCE_LABELS,
      filter: ['==', ['get', 'kind'], 'community'],
      layout: {
        'text-field': ['get', 'name'],
        'text-font': LABEL_FONT_BOLD,
        'text-size': 16,
        'text-letter-spacing': 0.05,
        'text-allow-overlap': false,
      },
      paint: { 'text-color': COLOURS.labelCommunity, 'text-halo-color': COLOURS.halo, 'text-halo-width': 2 },
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
      filter: ['==', ['get', 'o'], 1],
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
      id: 'incident-icon',
      type: 'symbol',
      source: SOURCE_INCIDENTS,
      layout: {
        'icon-image': ['get', 'm'],
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
        'symbol-sort-key': ['get', 'z'],
        'symbol-z-order': 'source',
      },
    },
  ];
}

/** Layers whose sizes follow the wall's scale (1 at 1920×1080, 2 at 4K), with their base sizes. */
export const SCALED_LAYOUT: { layer: string; property: 'text-size' | 'icon-size'; base: number }[] = [
  { layer: 'grid-label', property: 'text-size', base: 11 },
  { layer: 'community-label', property: 'text-size', base: 16 },
  { layer: 'incident-icon', property: 'icon-size', base: 1 },
  { layer: 'grid-filing-done', property: 'icon-size', base: 1 },
];
export const SCALED_PAINT: { layer: string; property: 'circle-radius' | 'line-width' | 'line-offset'; base: number }[] = [
  { layer: 'incident-halo', property: 'circle-radius', base: 20 },
  { layer: 'grid-filing-due', property: 'line-width', base: 1.5 },
  { layer: 'grid-filing-due', property: 'line-offset', base: 5 },
];

import type { TrendDay } from '../api/stats.ts';
import type { ChartOption } from './echarts.ts';

/** Colours of a chart on the dark wall and on the light public page (contrast checked against each background). */
export const CHART_PALETTES = {
  dark: {
    text: '#eef4ff',
    dim: '#a9bedb',
    axis: '#4a6a94',
    split: 'rgba(74, 106, 148, 0.35)',
    reported: '#38bdf8',
    closed: '#34d399',
    onTime: '#fbbf24',
  },
  light: { text: '#111827', dim: '#374151', axis: '#6b7280', split: '#e5e7eb', reported: '#1d4ed8', closed: '#047857', onTime: '#b45309' },
} as const;
export type ChartPalette = keyof typeof CHART_PALETTES;

export interface TrendChartOptions {
  /** Series names, in the page's language. */
  names: { reported: string; closed: string; closedOnTime: string };
  palette: ChartPalette;
  /** Base font size in CSS px (the wall passes its rem, which grows on 4K). */
  fontSize: number;
  /** Show the legend (the wall's panel says what the colours are in its own title). */
  legend?: boolean;
}

/** `2026-11-29` → `11-29`. */
export function shortDate(ymd: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(ymd) ? ymd.slice(5) : ymd;
}

/**
 * The daily trend: reports as bars, closures and on-time closures as lines, one point per day.
 * The series have fixed ids, so new data updates the existing chart in place.
 */
export function trendOption(days: readonly TrendDay[], o: TrendChartOptions): ChartOption {
  const c = CHART_PALETTES[o.palette];
  const fs = Math.round(o.fontSize);
  const showLegend = o.legend ?? true;
  return {
    animationDuration: 600,
    textStyle: { fontSize: fs, color: c.text },
    grid: { left: fs * 0.6, right: fs * 0.8, top: showLegend ? fs * 2.4 : fs * 0.8, bottom: fs * 0.4, containLabel: true },
    legend: {
      show: showLegend,
      top: 0,
      itemGap: fs,
      textStyle: { color: c.text, fontSize: fs },
      data: [o.names.reported, o.names.closed, o.names.closedOnTime],
    },
    tooltip: { trigger: 'axis', textStyle: { fontSize: fs } },
    xAxis: {
      type: 'category',
      data: days.map((d) => shortDate(d.date)),
      axisLine: { lineStyle: { color: c.axis } },
      axisLabel: { color: c.dim, fontSize: fs * 0.85 },
      axisTick: { alignWithLabel: true },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { color: c.dim, fontSize: fs * 0.85 },
      splitLine: { lineStyle: { color: c.split } },
    },
    series: [
      {
        id: 'reported',
        name: o.names.reported,
        type: 'bar',
        data: days.map((d) => d.reported),
        itemStyle: { color: c.reported, opacity: 0.75 },
        barMaxWidth: fs * 1.2,
      },
      {
        id: 'closed',
        name: o.names.closed,
        type: 'line',
        data: days.map((d) => d.closed),
        lineStyle: { color: c.closed, width: Math.max(2, fs / 8) },
        itemStyle: { color: c.closed },
        symbol: 'circle',
        symbolSize: fs * 0.35,
      },
      {
        id: 'closedOnTime',
        name: o.names.closedOnTime,
        type: 'line',
        data: days.map((d) => d.closedOnTime),
        // Dashed as well as coloured: the two lines differ in shape, not only in colour.
        lineStyle: { color: c.onTime, width: Math.max(2, fs / 8), type: 'dashed' },
        itemStyle: { color: c.onTime },
        symbol: 'diamond',
        symbolSize: fs * 0.4,
      },
    ],
  };
}

/** Days from `from` to `to` (YYYY-MM-DD), both counted: 2026-11-01 → 2026-11-30 is 30. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The days of a period that the trend (which ends today) covers. */
export function withinPeriod(days: readonly TrendDay[], period: { from: string; to: string }): TrendDay[] {
  return days.filter((d) => d.date >= period.from && d.date <= period.to);
}

/** Daily figures summed per month (`YYYY-MM`), for a year at a glance. */
export function byMonth(days: readonly TrendDay[]): TrendDay[] {
  const out = new Map<string, TrendDay>();
  for (const d of days) {
    const m = d.date.slice(0, 7);
    const t = out.get(m) ?? { date: m, reported: 0, closed: 0, closedOnTime: 0 };
    t.reported += d.reported;
    t.closed += d.closed;
    t.closedOnTime += d.closedOnTime;
    out.set(m, t);
  }
  return [...out.values()];
}

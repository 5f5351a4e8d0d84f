/**
 * ECharts, reduced to what StreetChief draws: line and bar charts on a cartesian grid with a
 * tooltip and a legend, on canvas. Importing from `echarts/core` with explicit `use` keeps the
 * bundle to these parts instead of the whole library.
 */
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** The options our charts may use: only the registered parts type-check. */
export type ChartOption = ComposeOption<
  LineSeriesOption | BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption
>;

export type { ECharts };
export { init as initChart };

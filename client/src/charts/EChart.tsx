import { useEffect, useRef } from 'react';
import { initChart, type ChartOption, type ECharts } from './echarts.ts';

export interface EChartProps {
  option: ChartOption;
  className?: string;
  /** What the chart shows, for screen readers (the chart itself is a canvas). */
  label: string;
  testId?: string;
}

/**
 * One ECharts instance per mounted element, made once and reused: new data goes through
 * `setOption` (the series keep their identity, so the chart animates instead of redrawing), size
 * changes through a ResizeObserver, and the instance is disposed on unmount. A wall that refreshes
 * its figures every few minutes for weeks therefore holds exactly one chart per panel.
 */
export function EChart({ option, className, label, testId }: EChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const latest = useRef(option);
  latest.current = option;
  const applied = useRef<ChartOption | null>(null);

  useEffect(() => {
    const el = element.current;
    if (!el) return;
    const c = initChart(el, null, { renderer: 'canvas' });
    chart.current = c;
    c.setOption(latest.current);
    applied.current = latest.current;
    // Resize on the next frame: ECharts measures the element, which may be mid-layout.
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => c.resize());
    });
    observer.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      chart.current = null;
      applied.current = null;
      c.dispose();
    };
  }, []);

  useEffect(() => {
    // `replaceMerge` drops series that left the option; the others update in place.
    if (!chart.current || applied.current === option) return;
    chart.current.setOption(option, { replaceMerge: ['series'] });
    applied.current = option;
  }, [option]);

  return <div ref={element} className={className} role="img" aria-label={label} data-testid={testId} />;
}

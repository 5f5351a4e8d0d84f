import { useEffect, useMemo, useState } from 'react';
import type { TrendDay } from '../api/stats.ts';
import { EChart } from '../charts/EChart.tsx';
import { CHART_PALETTES, trendOption } from '../charts/trend.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** The root font size in px (the wall's rem grows with the screen), followed on resize. */
function useRootFontSize(): number {
  const read = () => parseFloat(getComputedStyle(document.documentElement).fontSize) || 20;
  const [px, setPx] = useState(read);
  useEffect(() => {
    const onResize = () => setPx(read());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return px;
}

/** Bottom strip, right: reports, closures and on-time closures per day over the last 30 days. */
export function TrendPanel({ days }: { days: readonly TrendDay[] | null }) {
  const { t } = useI18n();
  const rem = useRootFontSize();
  const names = useMemo(
    () => ({ reported: t('wallStrip.reported'), closed: t('wallStrip.closed'), closedOnTime: t('wallStrip.onTime') }),
    [t],
  );
  const option = useMemo(() => trendOption(days ?? [], { names, palette: 'dark', fontSize: rem * 0.8, legend: false }), [days, names, rem]);
  const c = CHART_PALETTES.dark;
  return (
    <section className="panel panel-trend" data-testid="trend-panel">
      <h2 className="panel-title">
        {t('wallStrip.trend')}
        <span className="trend-key">
          <span className="trend-key-item">
            <span className="trend-swatch trend-swatch-bar" style={{ background: c.reported }} />
            {names.reported}
          </span>
          <span className="trend-key-item">
            <span className="trend-swatch trend-swatch-line" style={{ borderColor: c.closed }} />
            {names.closed}
          </span>
          <span className="trend-key-item">
            <span className="trend-swatch trend-swatch-dashed" style={{ borderColor: c.onTime }} />
            {names.closedOnTime}
          </span>
        </span>
      </h2>
      <div className="trend-chart-frame">
        <EChart option={option} className="trend-chart" label={t('wallStrip.trendLabel')} testId="wall-trend-chart" />
      </div>
    </section>
  );
}

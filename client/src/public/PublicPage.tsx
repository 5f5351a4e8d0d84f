import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { SCORE_WEIGHTS } from '@streetchief/shared/indicators/formulas';
import { getGrids, type GridCollection } from '../api/grids.ts';
import type { PublicStatsRow } from '../api/stats.ts';
import { isPeriodKind, lastDays, periodOf, PERIOD_KINDS, type PeriodKind } from '../charts/periods.ts';
import { bestAndWorst, formatRate, formatScore, rankBy } from '../charts/ranking.ts';
import { byMonth, shortDate, trendOption, withinPeriod } from '../charts/trend.ts';
import type { MessageKey } from '../i18n/dict.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LangToggle } from '../i18n/LangToggle.tsx';
import { GridLegend } from './GridLegend.tsx';
import { RankingTable, type RankingColumn } from './RankingTable.tsx';
import { usePublicFigures } from './usePublicFigures.ts';
import './public.css';

// MapLibre (about 1 MB) and ECharts load after the tables: the page is useful before they arrive.
const GridRateMap = lazy(() => import('./GridRateMap.tsx'));
const EChart = lazy(() => import('../charts/EChart.tsx').then((m) => ({ default: m.EChart })));

/** A period longer than this is drawn per month instead of per day. */
const DAILY_MAX_DAYS = 62;

function initialKind(): PeriodKind {
  const p = new URLSearchParams(window.location.search).get('period');
  return isPeriodKind(p) ? p : 'this_month';
}

/**
 * `/public`: published results (监督公示) for anyone, no sign-in. Plain HTML tables first, then a
 * chart and a map; only the public endpoints are called, and those carry no personal data.
 */
export default function PublicPage() {
  const { t } = useI18n();
  useEffect(() => {
    const root = document.documentElement;
    root.classList.add('page-public');
    return () => root.classList.remove('page-public');
  }, []);

  const [kind, setKind] = useState<PeriodKind>(initialKind);
  const now = useMemo(() => new Date(), []);
  const period = useMemo(() => periodOf(kind, now), [kind, now]);
  const today = useMemo(() => lastDays(now, 1).to, [now]);
  const figures = usePublicFigures(period, today);

  const choose = useCallback((k: PeriodKind) => {
    setKind(k);
    const url = new URL(window.location.href);
    url.searchParams.set('period', k);
    window.history.replaceState(null, '', url);
  }, []);

  const [grids, setGrids] = useState<GridCollection | null>(null);
  const [mapFailed, setMapFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    getGrids({ credentials: 'omit' }).then(
      (g) => !cancelled && setGrids(g),
      () => !cancelled && setMapFailed(true),
    );
    return () => {
      cancelled = true;
    };
  }, []);
  useEffect(() => {
    document.title = t('public.docTitle', { district: grids?.name ?? t('wall.defaultDistrict') });
  }, [t, grids?.name]);

  const depts = useMemo(() => rankBy(figures.departments?.rows ?? [], (r) => r.score), [figures.departments]);
  const streets = useMemo(() => rankBy(figures.streets?.rows ?? [], (r) => r.onTimeClosureRate), [figures.streets]);
  const deptBW = bestAndWorst(depts);
  const streetBW = bestAndWorst(streets);
  const gridRates = useMemo(() => new Map((figures.grids?.rows ?? []).map((r) => [r.key, r.closureRate])), [figures.grids]);

  const trendDays = useMemo(() => {
    const inPeriod = withinPeriod(figures.trend ?? [], period);
    return inPeriod.length > DAILY_MAX_DAYS ? byMonth(inPeriod) : inPeriod;
  }, [figures.trend, period]);
  const names = useMemo(
    () => ({ reported: t('public.trendReported'), closed: t('public.trendClosed'), closedOnTime: t('public.trendOnTime') }),
    [t],
  );
  const chart = useMemo(() => trendOption(trendDays, { names, palette: 'light', fontSize: 14 }), [trendDays, names]);

  const periodText = t('public.periodRange', { from: period.from, to: period.to });
  const district = grids?.name ?? t('wall.defaultDistrict');
  const pct = (v: number | null) => formatRate(v);

  const deptColumns: RankingColumn[] = [
    { key: 'score', head: t('public.score'), value: (r) => formatScore(r.score), main: true },
    { key: 'ontime', head: t('public.onTimeRate'), value: (r) => pct(r.onTimeClosureRate) },
    { key: 'closure', head: t('public.closureRate'), value: (r) => pct(r.closureRate) },
    { key: 'rework', head: t('public.reworkRate'), value: (r) => pct(r.reworkRate) },
    { key: 'extension', head: t('public.extensionRate'), value: (r) => pct(r.extensionRate) },
    { key: 'due', head: t('public.due'), value: (r) => String(r.due) },
    { key: 'closed', head: t('public.closed'), value: (r) => String(r.closed) },
    { key: 'overdue', head: t('public.overdueOpen'), value: (r) => String(r.overdueOpen) },
  ];
  const streetColumns: RankingColumn[] = [
    { key: 'ontime', head: t('public.onTimeRate'), value: (r) => pct(r.onTimeClosureRate), main: true },
    { key: 'closure', head: t('public.closureRate'), value: (r) => pct(r.closureRate) },
    { key: 'score', head: t('public.score'), value: (r) => formatScore(r.score) },
    { key: 'reported', head: t('public.reported'), value: (r) => String(r.reported) },
    { key: 'due', head: t('public.due'), value: (r) => String(r.due) },
    { key: 'closed', head: t('public.closed'), value: (r) => String(r.closed) },
    { key: 'overdue', head: t('public.overdueOpen'), value: (r) => String(r.overdueOpen) },
  ];
  const weights = (Object.keys(SCORE_WEIGHTS) as (keyof typeof SCORE_WEIGHTS)[])
    .map((k) => t(`public.weight.${k}` as MessageKey, { w: Math.round(SCORE_WEIGHTS[k] * 100) }))
    .join(' + ');
  const named = (
    bw: ReturnType<typeof bestAndWorst<PublicStatsRow>>,
    fmt: (v: number) => string,
    key: 'public.bestWorstScore' | 'public.bestWorstOnTime',
  ) =>
    bw
      ? t(key, { best: bw.best.row.label, bestValue: fmt(bw.best.value!), worst: bw.worst.row.label, worstValue: fmt(bw.worst.value!) })
      : null;

  return (
    <div className="pub" data-testid="public">
      <a className="pub-skip" href="#pub-main">
        {t('public.skip')}
      </a>
      <header className="pub-header">
        <div>
          <h1>{t('public.title', { district })}</h1>
          <p className="pub-lead">{t('public.lead')}</p>
        </div>
        <LangToggle className="pub-lang no-print" />
      </header>

      <nav className="pub-periods no-print" aria-label={t('public.periodLabel')}>
        <span className="pub-periods-label">{t('public.periodLabel')}</span>
        {PERIOD_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            aria-pressed={k === kind}
            className={k === kind ? 'pub-period pub-period-on' : 'pub-period'}
            onClick={() => choose(k)}
          >
            {t(`public.period.${k}` as MessageKey)}
          </button>
        ))}
        <button type="button" className="pub-period pub-print" onClick={() => window.print()}>
          {t('public.print')}
        </button>
      </nav>

      <main id="pub-main" className="pub-main">
        <p className="pub-period-text" aria-live="polite">
          {t('public.periodIs', { kind: t(`public.period.${kind}` as MessageKey), range: periodText })}
          {figures.loading && <span className="pub-loading"> · {t('public.loading')}</span>}
        </p>
        {figures.error && (
          <p className="pub-error" role="alert">
            {t('public.loadFailed', { message: figures.error })}{' '}
            <button type="button" className="pub-period" onClick={figures.retry}>
              {t('public.retry')}
            </button>
          </p>
        )}

        <section className="pub-section" aria-labelledby="pub-depts">
          <h2 id="pub-depts">{t('public.deptTitle')}</h2>
          {deptBW && (
            <p className="pub-bestworst" data-testid="dept-best-worst">
              {named(deptBW, formatScore, 'public.bestWorstScore')}
            </p>
          )}
          <RankingTable
            caption={t('public.deptCaption', { range: periodText })}
            unitHead={t('public.dept')}
            ranked={depts}
            total={figures.departments?.total ?? null}
            columns={deptColumns}
            changeOf="score"
            testId="dept-ranking"
          />
        </section>

        <section className="pub-section" aria-labelledby="pub-streets">
          <h2 id="pub-streets">{t('public.streetTitle')}</h2>
          {streetBW && (
            <p className="pub-bestworst" data-testid="street-best-worst">
              {named(streetBW, (v) => formatRate(v), 'public.bestWorstOnTime')}
            </p>
          )}
          <RankingTable
            caption={t('public.streetCaption', { range: periodText })}
            unitHead={t('public.street')}
            ranked={streets}
            total={figures.streets?.total ?? null}
            columns={streetColumns}
            changeOf="onTimeClosureRate"
            testId="street-ranking"
          />
        </section>

        <section className="pub-section" aria-labelledby="pub-trend">
          <h2 id="pub-trend">{trendDays.length && trendDays[0]!.date.length === 7 ? t('public.trendMonthly') : t('public.trendDaily')}</h2>
          <Suspense fallback={<div className="pub-chart" />}>
            <EChart option={chart} className="pub-chart" label={t('public.trendLabel', { range: periodText })} testId="trend-chart" />
          </Suspense>
          <details className="pub-details">
            <summary>{t('public.trendTable')}</summary>
            <table className="pub-table pub-table-small">
              <caption>{t('public.trendTableCaption', { range: periodText })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('public.date')}</th>
                  <th scope="col" className="pub-num">
                    {names.reported}
                  </th>
                  <th scope="col" className="pub-num">
                    {names.closed}
                  </th>
                  <th scope="col" className="pub-num">
                    {names.closedOnTime}
                  </th>
                </tr>
              </thead>
              <tbody>
                {trendDays.map((d) => (
                  <tr key={d.date}>
                    <th scope="row">{shortDate(d.date)}</th>
                    <td className="pub-num">{d.reported}</td>
                    <td className="pub-num">{d.closed}</td>
                    <td className="pub-num">{d.closedOnTime}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </section>

        <section className="pub-section" aria-labelledby="pub-map">
          <h2 id="pub-map">{t('public.mapTitle')}</h2>
          <div className="pub-map-layout">
            <div className="pub-map-frame">
              {mapFailed ? (
                <p className="pub-map-fallback" role="note" data-testid="map-fallback">
                  {t('public.mapUnavailable')}
                </p>
              ) : grids ? (
                <Suspense fallback={<p className="pub-map-fallback">{t('public.loading')}</p>}>
                  <GridRateMap
                    className="pub-map"
                    grids={grids}
                    rates={gridRates}
                    label={t('public.mapLabel', { range: periodText })}
                    onFail={() => setMapFailed(true)}
                  />
                </Suspense>
              ) : (
                <p className="pub-map-fallback">{t('public.loading')}</p>
              )}
            </div>
            <GridLegend rates={gridRates} gridCount={grids?.features.length ?? gridRates.size} />
          </div>
        </section>
      </main>

      <footer className="pub-footer">
        <h2>{t('public.notesTitle')}</h2>
        <ul>
          <li>{t('public.noteClosure')}</li>
          <li>{t('public.noteScore', { weights })}</li>
          <li>{t('public.noteChange')}</li>
          <li>{t('public.notePrivacy')}</li>
          {grids?.disclaimer && <li>{grids.disclaimer}</li>}
        </ul>
      </footer>
    </div>
  );
}

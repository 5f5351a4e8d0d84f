import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { districtDay } from '@streetchief/shared/calendar/presets';
import { SCORE_WEIGHTS } from '@streetchief/shared/indicators/formulas';
import { getGrids, type GridCollection } from '../api/grids.ts';
import { PUBLIC_GROUPINGS, type PublicGrouping, type PublicStats, type PublicStatsRow } from '../api/stats.ts';
import { PeriodPicker } from '../charts/PeriodPicker.tsx';
import { readPeriodChoice, resolvePeriod, writePeriodChoice, type PeriodChoice } from '../charts/periods.ts';
import { bestAndWorst, formatRate, formatScore, rankBy } from '../charts/ranking.ts';
import { DistrictFigures } from '../charts/DistrictFigures.tsx';
import { publicStatsCsv } from '../charts/statsCsv.ts';
import { downloadText } from '../common/download.ts';
import { byMonth, shortDate, trendOption, withinPeriod } from '../charts/trend.ts';
import type { MessageKey } from '../i18n/dict.ts';
import { LangToggle } from '../i18n/LangToggle.tsx';
import { useReportsI18n } from '../i18n/reports.ts';
import { GridLegend } from './GridLegend.tsx';
import { RankingTable, type RankingColumn } from './RankingTable.tsx';
import { usePublicFigures } from './usePublicFigures.ts';
import './public.css';

// MapLibre (about 1 MB) and ECharts load after the tables: the page is useful before they arrive.
const GridRateMap = lazy(() => import('./GridRateMap.tsx'));
const EChart = lazy(() => import('../charts/EChart.tsx').then((m) => ({ default: m.EChart })));

/** A period longer than this is drawn per month instead of per day. */
const DAILY_MAX_DAYS = 62;

function initialGrouping(): PublicGrouping {
  const by = new URLSearchParams(window.location.search).get('by');
  return (PUBLIC_GROUPINGS as readonly string[]).includes(by ?? '') ? (by as PublicGrouping) : 'department';
}

/** Sets (or with null, removes) one query parameter of the address without a reload. */
function setQuery(update: (url: URL) => void): void {
  const url = new URL(window.location.href);
  update(url);
  window.history.replaceState(null, '', url);
}

/**
 * `/public`: published results (监督公示) for anyone, no sign-in. Plain HTML tables first, then a
 * chart and a map; only the public endpoints are called, and those carry no personal data.
 */
export default function PublicPage() {
  const { t, tr, lang, indicator } = useReportsI18n();
  useEffect(() => {
    const root = document.documentElement;
    root.classList.add('page-public');
    return () => root.classList.remove('page-public');
  }, []);

  const [choice, setChoice] = useState<PeriodChoice>(() => readPeriodChoice(window.location.search));
  const [by, setBy] = useState<PublicGrouping>(initialGrouping);
  const now = useMemo(() => new Date(), []);
  const period = useMemo(() => resolvePeriod(choice, now), [choice, now]);
  const today = useMemo(() => districtDay(now), [now]);
  const figures = usePublicFigures(period, today, by === 'category');

  const choose = useCallback((c: PeriodChoice) => {
    setChoice(c);
    setQuery((url) => writePeriodChoice(url, c));
  }, []);
  const group = useCallback((g: PublicGrouping) => {
    setBy(g);
    setQuery((url) => url.searchParams.set('by', g));
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

  const periodText = tr('period.range', { from: period.from, to: period.to });
  const label = period.label[lang];
  const periodNamed = tr('period.named', { label, range: periodText });
  /** The period an answer is for, by name and days: the chosen one, or (while the next loads) its own days. */
  const rangeOf = (answer: PublicStats | null) =>
    !answer || (answer.from === period.from && answer.to === period.to)
      ? periodNamed
      : tr('period.range', { from: answer.from, to: answer.to });
  const district = grids?.name ?? t('wall.defaultDistrict');
  const pct = (v: number | null) => formatRate(v);
  const detail = { department: figures.departments, street: figures.streets, grid: figures.grids, category: figures.categories }[by];
  const detailRanked = useMemo(() => rankBy(detail?.rows ?? [], (r) => r.onTimeClosureRate), [detail]);
  const byName = tr(`by.${by}`);
  const download = () => {
    if (!detail) return;
    downloadText(
      tr('download.statsFile', { by: tr(`by.${by}`), from: detail.from, to: detail.to }),
      publicStatsCsv(by, detail.rows, detail.total),
    );
  };

  const deptColumns: RankingColumn[] = [
    { key: 'score', head: indicator('score'), value: (r) => formatScore(r.score), main: true },
    { key: 'ontime', head: indicator('onTimeClosureRate'), value: (r) => pct(r.onTimeClosureRate) },
    { key: 'closure', head: indicator('closureRate'), value: (r) => pct(r.closureRate) },
    { key: 'rework', head: indicator('reworkRate'), value: (r) => pct(r.reworkRate) },
    { key: 'extension', head: indicator('extensionRate'), value: (r) => pct(r.extensionRate) },
    { key: 'due', head: t('public.due'), value: (r) => String(r.due) },
    { key: 'closed', head: t('public.closed'), value: (r) => String(r.closed) },
    { key: 'overdue', head: t('public.overdueOpen'), value: (r) => String(r.overdueOpen) },
  ];
  const streetColumns: RankingColumn[] = [
    { key: 'ontime', head: indicator('onTimeClosureRate'), value: (r) => pct(r.onTimeClosureRate), main: true },
    { key: 'closure', head: indicator('closureRate'), value: (r) => pct(r.closureRate) },
    { key: 'score', head: indicator('score'), value: (r) => formatScore(r.score) },
    { key: 'reported', head: t('public.reported'), value: (r) => String(r.reported) },
    { key: 'due', head: t('public.due'), value: (r) => String(r.due) },
    { key: 'closed', head: t('public.closed'), value: (r) => String(r.closed) },
    { key: 'overdue', head: t('public.overdueOpen'), value: (r) => String(r.overdueOpen) },
  ];
  const detailColumns: RankingColumn[] = [
    { key: 'ontime', head: indicator('onTimeClosureRate'), value: (r) => pct(r.onTimeClosureRate), main: true },
    { key: 'closure', head: indicator('closureRate'), value: (r) => pct(r.closureRate) },
    { key: 'reported', head: t('public.reported'), value: (r) => String(r.reported) },
    { key: 'due', head: t('public.due'), value: (r) => String(r.due) },
    { key: 'closed', head: t('public.closed'), value: (r) => String(r.closed) },
    { key: 'closedOnTime', head: tr('closedOnTime'), value: (r) => String(r.closedOnTime) },
    { key: 'rework', head: indicator('reworkRate'), value: (r) => pct(r.reworkRate) },
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

      <nav className="pub-periods no-print" aria-label={tr('period.label')}>
        <PeriodPicker choice={choice} period={period} onChange={choose} className="pub-picker" />
        <button type="button" className="pub-period pub-print" onClick={() => window.print()}>
          {t('public.print')}
        </button>
      </nav>

      <main id="pub-main" className="pub-main">
        <p className="pub-period-text" aria-live="polite" data-testid="period-shown">
          <strong>{tr('period.shown', { label })}</strong>
          {/* The two dates stay whole: the range wraps as one piece, never inside a date. */}
          <span className="pub-range">（{periodText}）</span>
          {figures.loading && <span className="pub-loading"> · {t('public.loading')}</span>}
        </p>
        <DistrictFigures total={figures.departments?.total ?? null} className="pub-district" />
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
            caption={t('public.deptCaption', { range: rangeOf(figures.departments) })}
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
            caption={t('public.streetCaption', { range: rangeOf(figures.streets) })}
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
            <EChart option={chart} className="pub-chart" label={t('public.trendLabel', { range: periodNamed })} testId="trend-chart" />
          </Suspense>
          <details className="pub-details">
            <summary>{t('public.trendTable')}</summary>
            <table className="pub-table pub-table-small">
              <caption>{t('public.trendTableCaption', { range: periodNamed })}</caption>
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

        <section className="pub-section" aria-labelledby="pub-detail" data-testid="detail-section">
          <h2 id="pub-detail">
            {tr('detail.title')} · {byName}
          </h2>
          <p className="pub-detail-lead no-print">{tr('detail.lead')}</p>
          <div className="pub-detail-tools no-print">
            <div className="pp" role="group" aria-label={tr('by.label')} data-testid="grouping">
              <span className="pp-label">{tr('by.label')}</span>
              {PUBLIC_GROUPINGS.map((g) => (
                <button key={g} type="button" className="pp-option" aria-pressed={g === by} onClick={() => group(g)}>
                  {tr(`by.${g}`)}
                </button>
              ))}
            </div>
            <button type="button" className="pub-period pub-download" onClick={download} disabled={!detail} data-testid="download-csv">
              {tr('download.csv')}
            </button>
          </div>
          <p className="pub-download-note no-print">{tr('download.publicNote')}</p>
          <RankingTable
            caption={tr('detail.caption', { by: byName, onTimeName: indicator('onTimeClosureRate'), range: rangeOf(detail) })}
            unitHead={byName}
            ranked={detailRanked}
            total={detail?.total ?? null}
            columns={detailColumns}
            changeOf="onTimeClosureRate"
            testId="detail-ranking"
          />
        </section>

        <section className="pub-section pub-map-section" aria-labelledby="pub-map">
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
                    label={t('public.mapLabel', { range: rangeOf(figures.grids) })}
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

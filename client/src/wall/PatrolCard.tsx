import type { FilingOverview } from '../api/filing.ts';
import { filingTotals } from '../common/filing.ts';
import type { Lookups } from '../common/lookups.ts';
import { PatrolKey } from '../map/MapLegend.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatPercent } from '../i18n/format.ts';
import type { PatrolSummary } from './usePatrolOverview.ts';
import './patrols.css';

/**
 * 今日巡查, beside the map: coverage (grids patrolled today ÷ grids) and staff on patrol now, both
 * moving with every live position, and daily reports filed per street (people; the map marks them
 * per grid). Its last line is the key to the patrol symbols on the map, on one line.
 */
export function PatrolCard({
  summary,
  filing,
  lookups,
}: {
  summary: PatrolSummary;
  filing: FilingOverview | null;
  lookups: Lookups | null;
}) {
  const { t } = useI18n();
  const share = summary.totalGrids ? summary.patrolledGrids / summary.totalGrids : 0;
  const totals = filingTotals(filing);
  const streets = (filing?.streets ?? []).filter((s) => s.expected > 0);
  return (
    <section className="panel patrol-card" aria-label={t('wall.patrol.title')} data-testid="patrol-card">
      <h2 className="panel-title">{t('wall.patrol.title')}</h2>
      <div className="patrol-figures">
        <div>
          <span className="patrol-figure" data-testid="patrol-coverage">
            {summary.loaded ? formatPercent(share) : '—'}
          </span>
          <small>{t('wall.patrol.coverage', { n: summary.patrolledGrids, total: summary.totalGrids })}</small>
        </div>
        <div>
          <span className="patrol-figure" data-testid="patrol-on-duty">
            {summary.loaded ? summary.onPatrol : '—'}
          </span>
          <small>{summary.stale ? t('wall.patrol.onDutyStale', { n: summary.stale }) : t('wall.patrol.onDuty')}</small>
        </div>
      </div>
      <h3>{t('wall.patrol.daily', { filed: totals.filed, expected: totals.expected })}</h3>
      <ul className="patrol-streets" data-testid="patrol-filing">
        {streets.map((s) => (
          <li key={s.streetCode} data-street={s.streetCode} data-filed={s.filed} data-expected={s.expected}>
            <span>{lookups?.streets.find((x) => x.code === s.streetCode)?.name ?? s.name}</span>
            <span className="patrol-bar">
              <span style={{ width: `${s.expected ? (s.filed / s.expected) * 100 : 0}%` }} />
            </span>
            <span className="patrol-count">
              {s.filed}/{s.expected}
            </span>
          </li>
        ))}
      </ul>
      <PatrolKey className="patrol-key" />
    </section>
  );
}

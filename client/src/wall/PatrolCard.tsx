import type { FilingOverview } from '../api/filing.ts';
import { filingTotals } from '../common/filing.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatPercent } from '../i18n/format.ts';
import type { PatrolSummary } from './usePatrolOverview.ts';
import './patrols.css';

/**
 * 今日巡查, over the map's top-left corner: coverage (grids patrolled today ÷ grids), staff on
 * patrol now, and daily reports filed per street (people; the map marks them per grid). Its key
 * explains the patrol symbols on the map.
 */
export function PatrolCard({ summary, filing }: { summary: PatrolSummary; filing: FilingOverview | null }) {
  const { t } = useI18n();
  const share = summary.totalGrids ? summary.patrolledGrids / summary.totalGrids : 0;
  const totals = filingTotals(filing);
  const streets = (filing?.streets ?? []).filter((s) => s.expected > 0);
  return (
    <section className="patrol-card" aria-label={t('wall.patrol.title')} data-testid="patrol-card">
      <h2>{t('wall.patrol.title')}</h2>
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
            <span>{s.name}</span>
            <span className="patrol-bar">
              <span style={{ width: `${s.expected ? (s.filed / s.expected) * 100 : 0}%` }} />
            </span>
            <span className="patrol-count">
              {s.filed}/{s.expected}
            </span>
          </li>
        ))}
      </ul>
      <div className="patrol-key">
        <span>
          <i className="patrol-key-dot" /> {t('wall.patrol.keyFresh')}
        </span>
        <span>
          <i className="patrol-key-dot patrol-key-stale" /> {t('wall.patrol.keyStale')}
        </span>
        <span>
          <i className="patrol-key-line" /> {t('wall.patrol.keyTrack')}
        </span>
        <span>
          <i className="patrol-key-grid" /> {t('wall.patrol.keyGrid')}
        </span>
      </div>
    </section>
  );
}

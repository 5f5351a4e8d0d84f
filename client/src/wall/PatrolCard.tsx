import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatPercent } from '../i18n/format.ts';
import type { PatrolSummary } from './usePatrolOverview.ts';
import './patrols.css';

/**
 * 今日巡查, over the map's top-left corner: coverage (grids patrolled today ÷ grids), staff on
 * patrol now, and daily reports filed per street. Its key explains the patrol symbols on the map.
 */
export function PatrolCard({ summary }: { summary: PatrolSummary }) {
  const { t } = useI18n();
  const share = summary.totalGrids ? summary.patrolledGrids / summary.totalGrids : 0;
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
      <h3>{t('wall.patrol.daily', { filed: summary.filed, expected: summary.expected })}</h3>
      <ul className="patrol-streets" data-testid="patrol-filing">
        {summary.streets.map((s) => (
          <li key={s.streetCode}>
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

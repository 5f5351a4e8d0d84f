import type { Incident } from '@streetchief/shared/domain/incident';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatDuration } from '../i18n/format.ts';
import { markerDataUrl } from '../map/markerIcons.ts';
import { useFitCount } from './hooks.ts';
import type { Lookups } from '../common/lookups.ts';
import { CaseNo } from '../common/CaseNo.tsx';

/** Height of one overdue row, rem (keep in step with `.overdue-row` in wall.css). */
const ROW_REM = 3.6;

/**
 * Right column, top: overdue cases, most overdue first, as many as fit, with the total; and how
 * many on-site checks wait past their time limit (核查超时), marked with a shape as well as colour.
 */
export function OverduePanel({
  overdue,
  checkOverdue,
  now,
  lookups,
}: {
  overdue: Incident[];
  checkOverdue: number;
  now: number;
  lookups: Lookups | null;
}) {
  const { t, lang } = useI18n();
  const [listRef, fit] = useFitCount<HTMLOListElement>(ROW_REM);
  // When not all fit, the last row gives way to the "N more" line.
  const shown = overdue.length > fit ? overdue.slice(0, Math.max(0, fit - 1)) : overdue;
  const hidden = overdue.length - shown.length;
  return (
    <section className="panel panel-overdue">
      <h2 className="panel-title">
        <img className="title-icon" src={markerDataUrl('overdue')} alt="" />
        {t('overdue.title')}
        <span className="panel-count panel-count-alert" data-testid="overdue-count">
          {t('overdue.count', { n: overdue.length })}
        </span>
        <span
          className={`panel-count${checkOverdue > 0 ? ' panel-count-alert' : ''}`}
          data-testid="check-overdue-count"
          data-count={checkOverdue}
        >
          ◆ {t('overdue.checkCount', { n: checkOverdue })}
        </span>
      </h2>
      <ol className="overdue-list" ref={listRef} data-testid="overdue-list">
        {overdue.length === 0 && <li className="empty">{t('overdue.none')}</li>}
        {shown.map((c) => {
          const grid = lookups?.grid(c.gridCode);
          const category = lookups?.category(c.categoryCode) ?? c.categoryCode;
          const dept = lookups?.department(c.leadDept) ?? t('overdue.noDept');
          const by = c.deadline ? now - Date.parse(c.deadline) : 0;
          return (
            <li key={c.id} className="overdue-row" data-id={c.id}>
              <div className="overdue-main">
                <span className="overdue-category">
                  <CaseNo incident={c} className="overdue-no" /> {category}
                </span>
                <span className="overdue-by">{t('overdue.by', { duration: formatDuration(by, lang) })}</span>
              </div>
              <div className="overdue-meta">
                <span className="overdue-dept">{dept}</span>
                <span className="overdue-grid">{grid ? grid.name : t('unknown.grid')}</span>
                {c.escalationLevel > 0 && (
                  <span className="overdue-escalated">
                    {t('kind.escalate')} ×{c.escalationLevel}
                  </span>
                )}
              </div>
            </li>
          );
        })}
        {hidden > 0 && overdue.length > 0 && <li className="more">{t('overdue.more', { n: hidden })}</li>}
      </ol>
    </section>
  );
}

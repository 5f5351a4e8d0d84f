import { useI18n } from '../i18n/I18nProvider.tsx';
import { useFitCount } from './hooks.ts';
import type { Lookups } from '../common/lookups.ts';
import type { WallModel } from './model.ts';

/** Height of one department row, rem (keep in step with `.dept-row` in wall.css). */
const ROW_REM = 2.1;

/** Left column, bottom: open cases per lead department, those with overdue cases first. */
export function DepartmentPanel({ rows, lookups }: { rows: WallModel['byDepartment']; lookups: Lookups | null }) {
  const { t } = useI18n();
  const [listRef, fit] = useFitCount<HTMLOListElement>(ROW_REM);
  const max = Math.max(1, ...rows.map((r) => r.open));
  return (
    <section className="panel panel-dept">
      <h2 className="panel-title">
        {t('dept.title')}
        <span className="dept-legend">
          <span className="dept-legend-open">{t('dept.open')}</span> / <span className="dept-legend-overdue">{t('dept.overdue')}</span>
        </span>
      </h2>
      <ol className="dept-list" ref={listRef} data-testid="departments">
        {rows.length === 0 && <li className="empty">{t('dept.none')}</li>}
        {rows.slice(0, fit).map((r) => (
          <li key={r.code} className="dept-row">
            <span className="dept-name">{lookups?.department(r.code) ?? r.code}</span>
            <span className="bar-track">
              <span className="bar-fill" style={{ width: `${(r.open / max) * 100}%` }} />
            </span>
            <span className="dept-open">{r.open}</span>
            <span className={r.overdue > 0 ? 'dept-overdue dept-overdue-some' : 'dept-overdue'}>
              {r.overdue > 0 ? `!${r.overdue}` : '0'}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

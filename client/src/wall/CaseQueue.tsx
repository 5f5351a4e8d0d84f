import { judgedDeadline, type Incident } from '@streetchief/shared/domain/incident';
import { CaseNo } from '../common/CaseNo.tsx';
import type { Lookups } from '../common/lookups.ts';
import { formatDuration } from '../i18n/format.ts';
import { useWallI18n } from '../i18n/wall.ts';
import { markerDataUrl } from '../map/markerIcons.ts';
import { useFitRows } from './hooks.ts';

/** Rows rendered at most (the list shows those that fit and counts the rest). */
const MAX_ROWS = 30;

/**
 * One of the wall's two case queues, side by side with the map: 超期未结 (most overdue first) or
 * 预警 (nearest deadline first). Each row: class and how late / how long left; case number,
 * department and grid. Names wrap rather than being cut; the rows that fit are shown and the
 * footer says how many more there are.
 */
export function CaseQueue({
  kind,
  cases,
  now,
  lookups,
  checkOverdue,
}: {
  kind: 'overdue' | 'warning';
  cases: readonly Incident[];
  now: number;
  lookups: Lookups | null;
  /** 核查超时, shown in the overdue queue's title. */
  checkOverdue?: number;
}) {
  const { t, tw, lang } = useWallI18n();
  const candidates = cases.slice(0, MAX_ROWS);
  const [listRef, fit] = useFitRows<HTMLOListElement>(`${candidates.map((c) => c.id).join()}|${lang}`);
  const hidden = cases.length - Math.min(fit, candidates.length);
  return (
    <section className={`panel queue queue-${kind}`} data-testid={`${kind}-queue`}>
      <h2 className="panel-title">
        <img className="title-icon" src={markerDataUrl(kind === 'overdue' ? 'overdue' : 'pending')} alt="" />
        <span>{tw(kind === 'overdue' ? 'wall.overdue.title' : 'wall.warning.title')}</span>
        <span className={`panel-count panel-count-${kind}`} data-testid={`${kind}-count`} data-count={cases.length}>
          {tw('wall.queue.count', { n: cases.length })}
        </span>
        {checkOverdue !== undefined && (
          <span
            className={`queue-check${checkOverdue > 0 ? ' queue-check-some' : ''}`}
            data-testid="check-overdue-count"
            data-count={checkOverdue}
          >
            ◆ {t('overdue.checkCount', { n: checkOverdue })}
          </span>
        )}
      </h2>
      <ol className="queue-list" ref={listRef} data-testid={`${kind}-list`}>
        {candidates.length === 0 && <li className="empty">{tw(kind === 'overdue' ? 'wall.overdue.none' : 'wall.warning.none')}</li>}
        {candidates.map((c, i) => {
          const grid = lookups?.grid(c.gridCode);
          const category = lookups?.category(c.categoryCode) ?? c.categoryCode;
          // The short name (交警大队): the column is narrow, and a name is never cut.
          const dept = lookups?.departmentShort(c.leadDept) ?? t('overdue.noDept');
          const due = kind === 'overdue' ? judgedDeadline(c) : c.deadline;
          const ms = due ? Date.parse(due) - now : 0;
          return (
            <li
              key={c.id}
              className="queue-row"
              data-id={c.id}
              style={i < fit ? undefined : { visibility: 'hidden' }}
              aria-hidden={i < fit ? undefined : true}
            >
              <div className="queue-main">
                <span className="queue-category">{category}</span>
                <span className="queue-when">
                  {kind === 'overdue'
                    ? t('overdue.by', { duration: formatDuration(-ms, lang) })
                    : tw('wall.warning.left', { duration: formatDuration(ms, lang) })}
                </span>
              </div>
              <div className="queue-meta">
                <CaseNo incident={c} className="queue-no" />
                <span className="queue-dept">{dept}</span>
                <span className="queue-grid">{grid ? grid.name : t('unknown.grid')}</span>
                {c.escalationLevel > 0 && (
                  <span className="queue-escalated">
                    {t('kind.escalate')} ×{c.escalationLevel}
                  </span>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      {hidden > 0 && (
        <p className="more" data-testid={`${kind}-more`}>
          {tw('wall.queue.more', { n: hidden })}
        </p>
      )}
    </section>
  );
}

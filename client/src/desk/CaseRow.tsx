import { memo } from 'react';
import type { Incident } from '@streetchief/shared/domain/incident';
import { isOpenState } from '@streetchief/shared/domain/workflow';
import type { Lookups } from '../common/lookups.ts';
import type { MessageKey } from '../i18n/dict.ts';
import { useDeskI18n } from '../i18n/desk.ts';
import { Countdown } from './Countdown.tsx';
import { LateMark } from './LateMark.tsx';
import { CaseNo } from '../common/CaseNo.tsx';

export interface CaseRowProps {
  incident: Incident;
  lookups: Lookups;
  now: number;
  /** The keyboard cursor is here. */
  cursor: boolean;
  /** This case is open in the drawer. */
  open: boolean;
  onOpen: (id: string) => void;
  /** Show the status (in queues that mix stages). */
  showStatus: boolean;
  /** The viewer's own department: not repeated on every row of a department's desk. */
  ownDept: string | null;
}

/**
 * One case in a queue: class, where, deadline countdown, and the flags a desk acts on (超期 that
 * stays, 疑似重复, my department's 协办 part). Names wrap; nothing is cut with an ellipsis.
 */
export const CaseRow = memo(function CaseRow({ incident: c, lookups, now, cursor, open, onOpen, showStatus, ownDept }: CaseRowProps) {
  const { t, td } = useDeskI18n();
  const grid = lookups.grid(c.gridCode);
  const mine = ownDept ? c.assists.find((a) => a.dept === ownDept) : undefined;
  const caseOpen = isOpenState(c.status);
  return (
    <li
      className={`case-row${cursor ? ' case-row-cursor' : ''}${open ? ' case-row-open' : ''}`}
      data-id={c.id}
      aria-selected={cursor}
      role="option"
      onClick={() => onOpen(c.id)}
    >
      <div className="case-row-main">
        {c.urgent && <span className="badge badge-urgent">{t('case.urgentShort')}</span>}
        <CaseNo incident={c} />
        <span className="case-row-class">{lookups.category(c.categoryCode) ?? c.categoryCode}</span>
        <Countdown incident={c} now={now} />
      </div>
      <div className="case-row-meta">
        <span className="case-row-where">{grid ? grid.name : c.gridCode}</span>
        {showStatus && <span className={`status status-${c.status}`}>{t(`status.${c.status}` as MessageKey)}</span>}
        {c.leadDept && c.leadDept !== ownDept && <span className="case-row-dept">{lookups.departmentShort(c.leadDept)}</span>}
        <LateMark incident={c} now={now} compact />
        {caseOpen && c.possibleDuplicates.length > 0 && (
          <span className="flag flag-dup" data-testid="dup-badge">
            {td('dup.badge')}
          </span>
        )}
        {caseOpen && mine && (
          <span className={`flag${mine.doneAt ? ' flag-done' : ''}`} data-testid="assist-flag" data-done={!!mine.doneAt}>
            {mine.doneAt ? `✓ ${td('assist.rowDone')}` : td('assist.rowWorking')}
          </span>
        )}
        {c.returnCount > 0 && <span className="flag flag-back">{t('flag.returned', { n: c.returnCount })}</span>}
        {c.reworkCount > 0 && <span className="flag flag-back">{t('flag.rework', { n: c.reworkCount })}</span>}
        {c.extension && <span className="flag">{t('flag.extensionAsked')}</span>}
        {c.escalationLevel > 0 && <span className="flag flag-alert">{t('flag.escalated', { n: c.escalationLevel })}</span>}
      </div>
    </li>
  );
});

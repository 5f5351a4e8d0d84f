import type { Incident } from '@streetchief/shared/domain/incident';
import type { User } from '@streetchief/shared/domain/roles';
import { CaseNo } from '../common/CaseNo.tsx';
import { useDeskI18n } from '../i18n/desk.ts';
import { formatDateTime } from '../i18n/format.ts';
import { allowedActions } from './actions.ts';
import type { CaseActions } from './useCaseActions.ts';

/**
 * 疑似重复 in the case drawer: the cases the server found near this one at report (same class,
 * recent), each with its number (a click opens it), distance, report time and whether the same
 * person reported it. Where the dispatcher may void this case, one click voids it as a duplicate
 * of the one chosen, the reason naming that case.
 */
export function DuplicateList({
  user,
  incident: c,
  actions,
  onOpen,
}: {
  user: User;
  incident: Incident;
  actions: CaseActions;
  onOpen: (id: string) => void;
}) {
  const { td } = useDeskI18n();
  if (c.possibleDuplicates.length === 0) return null;
  const canVoid = allowedActions(user, c, new Date()).includes('void');
  return (
    <section className="dup-list" data-testid="dup-list">
      <h3>{td('dup.title', { n: c.possibleDuplicates.length })}</h3>
      <p className="dup-hint">{td('dup.hint')}</p>
      <ul>
        {c.possibleDuplicates.map((d) => {
          const no = d.caseNo ?? td('dup.noNumber');
          return (
            <li key={d.id} className="dup-item" data-id={d.id}>
              <button type="button" className="link-button dup-open" onClick={() => onOpen(d.id)} data-testid="dup-open">
                {d.caseNo ? <CaseNo incident={d} /> : no}
              </button>
              <span>{td('dup.distance', { m: Math.round(d.distanceM) })}</span>
              <span>{td('dup.reported', { time: formatDateTime(d.reportedAt) })}</span>
              {d.sameReporter && <span className="flag flag-back">{td('dup.sameReporter')}</span>}
              {canVoid && (
                <button
                  type="button"
                  className="action action-danger dup-void"
                  data-testid="dup-void"
                  disabled={actions.busy !== null}
                  onClick={() => void actions.run(c, 'void', { text: td('dup.voidReason', { no }) })}
                >
                  {td('dup.void', { no })}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

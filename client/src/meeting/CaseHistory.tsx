import { SYSTEM_ACTOR } from '@streetchief/shared/domain/events';
import type { HistoryEntry } from '../api/cases.ts';
import { eventTone } from '../common/eventTone.ts';
import type { Lookups } from '../common/lookups.ts';
import type { MessageKey } from '../i18n/dict.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatDateTime } from '../i18n/format.ts';

type T = ReturnType<typeof useI18n>['t'];

/** What an entry changed that its kind does not say: departments, deadlines, the responsible chief. */
function detailOf(entry: HistoryEntry, before: HistoryEntry | undefined, lookups: Lookups, t: T): string[] {
  const c = entry.incident;
  const prev = before?.incident;
  const out: string[] = [];
  switch (entry.kind) {
    case 'dispatch':
      out.push(t('meeting.h.lead', { dept: lookups.department(c.leadDept) ?? '' }));
      break;
    case 'approve_extension':
      if (c.deadline) out.push(t('meeting.h.deadline', { time: formatDateTime(c.deadline) }));
      break;
    case 'escalate':
      out.push(t('meeting.h.level', { level: c.escalationLevel }));
      break;
    case 'decide':
      // A re-dispatch stamps the dispatch time with the decision's own time.
      if (c.status === 'dispatched' && c.dispatchedAt === c.updatedAt)
        out.push(t('meeting.h.redispatch', { dept: lookups.department(c.leadDept) ?? '' }));
      if (c.deadline && c.deadline !== prev?.deadline) out.push(t('meeting.h.deadline', { time: formatDateTime(c.deadline) }));
      if (c.responsibleChief && c.responsibleChief !== prev?.responsibleChief) out.push(t('meeting.h.chief', { name: c.responsibleChief }));
      break;
    default:
      break;
  }
  return out;
}

/** The selected case's history, oldest first, large enough to read on a projector. */
export function CaseHistory({
  history,
  lookups,
  loading,
}: {
  history: readonly HistoryEntry[] | null;
  lookups: Lookups;
  loading: boolean;
}) {
  const { t } = useI18n();
  if (!history) return <p className="mt-empty">{loading ? t('meeting.loading') : t('timeline.none')}</p>;
  return (
    <ol className="mt-history" data-testid="meeting-timeline">
      {history.map((e, i) => {
        const who = e.actor.id === SYSTEM_ACTOR.id ? t('ticker.system') : e.actor.name;
        const details = detailOf(e, history[i - 1], lookups, t);
        return (
          <li key={e.seq} className="mt-history-entry" data-kind={e.kind}>
            <span className="mt-history-time">{formatDateTime(e.at)}</span>
            <span className={`mt-chip mt-chip-${eventTone(e.kind)}`}>{t(`kind.${e.kind}` as MessageKey)}</span>
            <span className="mt-history-who">{who}</span>
            {details.length > 0 && <span className="mt-history-detail">{details.join('；')}</span>}
            {e.reason && <p className="mt-history-reason">{e.reason}</p>}
          </li>
        );
      })}
    </ol>
  );
}

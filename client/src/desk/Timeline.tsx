import { SYSTEM_ACTOR } from '@streetchief/shared/domain/events';
import type { CasePhoto, Incident } from '@streetchief/shared/domain/incident';
import type { HistoryEntry } from '../api/cases.ts';
import { eventTone } from '../common/eventTone.ts';
import type { Lookups } from '../common/lookups.ts';
import type { MessageKey } from '../i18n/dict.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { PhotoStrip } from './PhotoStrip.tsx';

/** Photos an entry attached: those its case gained in that step. */
export function photosAdded(entry: HistoryEntry, before: Incident | null): CasePhoto[] {
  const had = new Set((before?.photos ?? []).map((p) => p.id));
  return entry.incident.photos.filter((p) => !had.has(p.id));
}

/** What an entry changed that its kind alone does not say: the departments, the new deadline. */
function detailOf(entry: HistoryEntry, lookups: Lookups, t: ReturnType<typeof useI18n>['t']): string | null {
  const c = entry.incident;
  switch (entry.kind) {
    case 'dispatch': {
      const lead = lookups.department(c.leadDept) ?? '';
      const assist = c.assistDepts.map((d) => lookups.department(d) ?? d).join('、');
      return assist ? t('timeline.dispatchAssist', { lead, assist }) : t('timeline.dispatch', { lead });
    }
    case 'request_extension':
      return c.extension ? t('timeline.extensionUntil', { time: formatDateTime(c.extension.until) }) : null;
    case 'approve_extension':
      return c.deadline ? t('timeline.deadlineNow', { time: formatDateTime(c.deadline) }) : null;
    case 'escalate':
      return t('timeline.escalationLevel', { level: c.escalationLevel });
    case 'assist_note':
    case 'assist_done':
      // Which assisting department wrote it (its handler's name is already there).
      return entry.actor.departmentCode ? (lookups.department(entry.actor.departmentCode) ?? null) : null;
    case 'decide':
      return [
        c.leadDept ? t('timeline.dispatch', { lead: lookups.department(c.leadDept) ?? '' }) : null,
        c.deadline ? t('timeline.deadlineNow', { time: formatDateTime(c.deadline) }) : null,
        c.responsibleChief ? t('timeline.chief', { name: c.responsibleChief }) : null,
      ]
        .filter(Boolean)
        .join('；');
    default:
      return null;
  }
}

/** The case's history, oldest first: who did what when, with reasons, notes and photos. */
export function Timeline({ history, lookups, loading }: { history: readonly HistoryEntry[] | null; lookups: Lookups; loading: boolean }) {
  const { t } = useI18n();
  if (!history) return <p className="timeline-empty">{loading ? t('desk.loading') : t('timeline.none')}</p>;
  return (
    <ol className="timeline" data-testid="timeline">
      {history.map((e, i) => {
        const photos = photosAdded(e, i > 0 ? history[i - 1]!.incident : null);
        const detail = detailOf(e, lookups, t);
        const who = e.actor.id === SYSTEM_ACTOR.id ? t('ticker.system') : e.actor.name;
        return (
          <li key={e.seq} className="timeline-entry" data-kind={e.kind} data-seq={e.seq}>
            <span className="timeline-time">{formatDateTime(e.at)}</span>
            <span className={`chip chip-${eventTone(e.kind)}`}>{t(`kind.${e.kind}` as MessageKey)}</span>
            <span className="timeline-who">{who}</span>
            {detail && <span className="timeline-detail">{detail}</span>}
            {e.reason && <p className="timeline-reason">{e.reason}</p>}
            {photos.length > 0 && <PhotoStrip photos={photos} />}
          </li>
        );
      })}
    </ol>
  );
}

import { SYSTEM_ACTOR, type IncidentEvent } from '@streetchief/shared/domain/events';
import { eventTone } from '../common/eventTone.ts';
import type { MessageKey } from '../i18n/dict.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatTime } from '../i18n/format.ts';
import { useFitRows } from './hooks.ts';
import type { Lookups } from '../common/lookups.ts';
import { CaseNo } from '../common/CaseNo.tsx';

/** Rows rendered at most; those that fit are shown. */
const MAX_ROWS = 20;

/** The newest events, newest on top; each row slides in once. Rows wrap rather than cut a name. */
export function EventTicker({ events, lookups }: { events: readonly IncidentEvent[]; lookups: Lookups | null }) {
  const { t, lang } = useI18n();
  const candidates = events.slice(0, MAX_ROWS);
  const [listRef, fit] = useFitRows<HTMLOListElement>(`${candidates.map((e) => e.seq).join()}|${lang}`);
  return (
    <section className="panel panel-ticker">
      <h2 className="panel-title">{t('ticker.title')}</h2>
      <ol className="ticker" ref={listRef} data-testid="ticker" aria-live="off">
        {candidates.length === 0 && <li className="empty">{t('ticker.empty')}</li>}
        {candidates.map((e, i) => {
          const grid = lookups?.grid(e.incident.gridCode);
          const category = lookups?.category(e.incident.categoryCode) ?? t('unknown.category');
          // Who did it: the scheduler's warnings, overdue marks and escalations say 系统.
          const by = e.actor.id === SYSTEM_ACTOR.id ? t('ticker.system') : e.actor.name;
          return (
            <li
              key={e.seq}
              className="ticker-row"
              data-seq={e.seq}
              data-kind={e.kind}
              data-incident={e.incident.id}
              style={i < fit ? undefined : { visibility: 'hidden' }}
              aria-hidden={i < fit ? undefined : true}
            >
              <span className="ticker-time">{formatTime(e.at).slice(0, 5)}</span>
              <span className={`chip chip-${eventTone(e.kind)}`}>{t(`kind.${e.kind}` as MessageKey)}</span>
              <span className="ticker-text">
                <span className="ticker-where">{grid ? grid.name : t('unknown.grid')}</span>{' '}
                <span className="ticker-what">
                  <CaseNo incident={e.incident} className="ticker-no" /> {category}
                </span>
                {by && <span className="ticker-by"> · {by}</span>}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

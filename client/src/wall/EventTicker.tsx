import type { EventKind, IncidentEvent } from '@streetchief/shared/domain/events';
import type { MessageKey } from '../i18n/dict.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatTime } from '../i18n/format.ts';
import { useFitCount } from './hooks.ts';
import type { Lookups } from './lookups.ts';

/** Height of one ticker row, rem (keep in step with `.ticker-row` in wall.css). */
const ROW_REM = 3.3;

/** Event kinds grouped by what they mean for the screen; the chip shows the word too. */
function tone(kind: EventKind): string {
  switch (kind) {
    case 'report':
      return 'new';
    case 'register':
    case 'dispatch':
    case 'accept':
    case 'unpark':
      return 'flow';
    case 'feedback':
      return 'feedback';
    case 'check_pass':
      return 'done';
    case 'return':
    case 'check_fail':
    case 'reject_extension':
      return 'back';
    case 'request_extension':
    case 'approve_extension':
      return 'time';
    case 'escalate':
    case 'warned':
    case 'overdue':
      return 'alert';
    case 'void':
    case 'park':
    case 'comment':
      return 'muted';
  }
}

/** Right column, bottom: the newest events, newest on top; each row slides in once. */
export function EventTicker({ events, lookups }: { events: readonly IncidentEvent[]; lookups: Lookups | null }) {
  const { t } = useI18n();
  const [listRef, fit] = useFitCount<HTMLOListElement>(ROW_REM);
  return (
    <section className="panel panel-ticker">
      <h2 className="panel-title">{t('ticker.title')}</h2>
      <ol className="ticker" ref={listRef} data-testid="ticker" aria-live="off">
        {events.length === 0 && <li className="empty">{t('ticker.empty')}</li>}
        {events.slice(0, fit).map((e) => {
          const grid = lookups?.grid(e.incident.gridCode);
          const category = lookups?.category(e.incident.categoryCode) ?? t('unknown.category');
          return (
            <li key={e.seq} className="ticker-row" data-seq={e.seq}>
              <span className="ticker-time">{formatTime(e.at)}</span>
              <span className={`chip chip-${tone(e.kind)}`}>{t(`kind.${e.kind}` as MessageKey)}</span>
              <span className="ticker-where">{grid ? grid.name : t('unknown.grid')}</span>
              <span className="ticker-what">{category}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

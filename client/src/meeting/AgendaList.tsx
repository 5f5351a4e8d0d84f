import { useEffect, useRef } from 'react';
import type { AgendaCase } from '@streetchief/shared/indicators/agenda';
import type { Lookups } from '../common/lookups.ts';
import type { MessageKey } from '../i18n/dict.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatDuration } from '../i18n/format.ts';
import type { GroupedAgenda } from './model.ts';
import { CaseNo } from '../common/CaseNo.tsx';
import { gridPlace } from './minutesText.ts';

export interface AgendaListProps {
  agenda: GroupedAgenda;
  lookups: Lookups;
  selectedId: string | null;
  onSelect: (id: string) => void;
  now: number;
}

/** The agenda (议程): cases grouped by why they are here, each with what the room needs to discuss it. */
export function AgendaList({ agenda, lookups, selectedId, onSelect, now }: AgendaListProps) {
  const { t } = useI18n();
  const list = useRef<HTMLDivElement>(null);

  // Keep the selected item in view when the keyboard moves the selection.
  useEffect(() => {
    if (!selectedId) return;
    list.current?.querySelector<HTMLElement>(`[data-case-id="${CSS.escape(selectedId)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  return (
    <section className="mt-panel mt-agenda" aria-labelledby="mt-agenda-title">
      <h2 className="mt-panel-title" id="mt-agenda-title">
        {t('meeting.agenda')}
        <span className="mt-count" data-testid="agenda-total">
          {t('meeting.cases', { n: agenda.total })}
        </span>
      </h2>
      <p className="mt-reason-counts">
        {(['overdue', 'escalated', 'returned', 'reworked'] as const).map((r) => (
          <span key={r} className={`mt-reason-count mt-reason-${r}`}>
            {t(`meeting.reason.${r}` as MessageKey)} {agenda.counts[r]}
          </span>
        ))}
      </p>
      <div className="mt-scroll" ref={list} data-testid="agenda">
        {agenda.total === 0 && <p className="mt-empty">{t('meeting.agendaEmpty')}</p>}
        {agenda.groups.map((g) => (
          <section key={g.reason} className="mt-group" data-reason={g.reason}>
            <h3 className={`mt-group-title mt-reason-${g.reason}`}>
              {t(`meeting.reason.${g.reason}` as MessageKey)}
              <span className="mt-group-count">{t('meeting.cases', { n: g.items.length })}</span>
            </h3>
            <ol className="mt-items">
              {g.items.map((item) => (
                <AgendaItem
                  key={item.incident.id}
                  item={item}
                  lookups={lookups}
                  selected={item.incident.id === selectedId}
                  onSelect={onSelect}
                  now={now}
                />
              ))}
            </ol>
          </section>
        ))}
      </div>
    </section>
  );
}

function AgendaItem({
  item,
  lookups,
  selected,
  onSelect,
  now,
}: {
  item: AgendaCase;
  lookups: Lookups;
  selected: boolean;
  onSelect: (id: string) => void;
  now: number;
}) {
  const { t, lang } = useI18n();
  const c = item.incident;
  const grid = lookups.grid(c.gridCode);
  const overdueMs = item.reasons.includes('overdue') && c.deadline ? now - Date.parse(c.deadline) : 0;
  return (
    <li>
      <button
        type="button"
        className={selected ? 'mt-item mt-item-selected' : 'mt-item'}
        aria-pressed={selected}
        data-case-id={c.id}
        data-reasons={item.reasons.join(' ')}
        onClick={() => onSelect(c.id)}
      >
        <span className="mt-item-main">
          <span className="mt-item-class">
            {c.urgent && <span className="mt-urgent">{t('case.urgentShort')}</span>}
            <CaseNo incident={c} /> {lookups.category(c.categoryCode) ?? c.categoryCode}
          </span>
          {overdueMs > 0 && <span className="mt-item-over">{t('meeting.overdueBy', { duration: formatDuration(overdueMs, lang) })}</span>}
        </span>
        <span className="mt-item-meta">
          <span>{grid ? gridPlace(grid, lookups.lang, ' · ') : c.gridCode}</span>
          <span>{lookups.department(c.leadDept) ?? t('meeting.noDept')}</span>
          <span className="mt-status">{t(`status.${c.status}` as MessageKey)}</span>
        </span>
        <span className="mt-item-flags">
          {c.escalationLevel > 0 && (
            <span className="mt-flag mt-flag-escalated">
              ▲ {t('meeting.escalation', { level: c.escalationLevel, chief: escalationChief(t, c.escalationLevel) })}
            </span>
          )}
          {c.returnCount > 0 && <span className="mt-flag mt-flag-returned">↩ {t('flag.returned', { n: c.returnCount })}</span>}
          {c.reworkCount > 0 && <span className="mt-flag mt-flag-reworked">↻ {t('flag.rework', { n: c.reworkCount })}</span>}
        </span>
      </button>
    </li>
  );
}

/** The chief an escalation level reaches (三长一网: lane, road, street chief). */
export function escalationChief(t: ReturnType<typeof useI18n>['t'], level: number): string {
  const n = Math.max(1, Math.min(3, level));
  return t(`meeting.chief${n}` as MessageKey);
}

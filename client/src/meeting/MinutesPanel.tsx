import { useId } from 'react';
import type { Lookups } from '../common/lookups.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatTime } from '../i18n/format.ts';
import type { MinuteEntry } from './model.ts';
import { minuteCase, minuteDecision } from './minutesText.ts';
import { CaseNo } from '../common/CaseNo.tsx';

export interface MinutesPanelProps {
  minutes: readonly MinuteEntry[];
  lookups: Lookups;
  attendees: string;
  onAttendees: (v: string) => void;
  onSelect: (caseId: string) => void;
}

/** 议定事项: the decisions of this meeting as they are recorded, with the attendees for the printed minutes. */
export function MinutesPanel({ minutes, lookups, attendees, onAttendees, onSelect }: MinutesPanelProps) {
  const { t } = useI18n();
  const id = useId();
  return (
    <section className="mt-panel mt-minutes" aria-labelledby={`${id}-title`}>
      <h2 className="mt-panel-title" id={`${id}-title`}>
        {t('meeting.minutes')}
        <span className="mt-count">{t('meeting.items', { n: minutes.length })}</span>
      </h2>
      <label className="mt-attendees">
        <span>{t('meeting.attendees')}</span>
        <input
          type="text"
          value={attendees}
          maxLength={300}
          placeholder={t('meeting.attendeesHint')}
          onChange={(e) => onAttendees(e.target.value)}
        />
      </label>
      <div className="mt-scroll">
        {minutes.length === 0 && <p className="mt-empty">{t('meeting.minutesEmpty')}</p>}
        <ol className="mt-minute-list" data-testid="minutes">
          {minutes.map((m, i) => (
            <li key={m.key} className="mt-minute" data-case-id={m.caseId}>
              <button type="button" className="mt-minute-case" onClick={() => onSelect(m.caseId)}>
                <span className="mt-minute-no">{i + 1}.</span> <CaseNo incident={m.incident} /> {minuteCase(m, lookups)}
              </button>
              <p className="mt-minute-decision">{minuteDecision(m, lookups, t)}</p>
              <p className="mt-minute-who">
                {m.who} · {formatTime(m.at).slice(0, 5)}
              </p>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}

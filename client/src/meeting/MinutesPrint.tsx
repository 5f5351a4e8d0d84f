import type { MeetingStatsRow } from '../api/meeting.ts';
import type { Lookups } from '../common/lookups.ts';
import { formatRate, formatScore } from '../charts/ranking.ts';
import { useReportsI18n } from '../i18n/reports.ts';
import { formatDate, formatDateTime } from '../i18n/format.ts';
import type { GroupedAgenda, MinuteEntry } from './model.ts';
import { minuteCase, minuteDecision } from './minutesText.ts';
import type { MeetingRecord } from './useMinutes.ts';
import { WorstTable } from './WorstUnits.tsx';
import { CaseNo } from '../common/CaseNo.tsx';

export interface MinutesPrintProps {
  record: MeetingRecord | null;
  minutes: readonly MinuteEntry[];
  agenda: GroupedAgenda;
  departments: MeetingStatsRow[];
  grids: MeetingStatsRow[];
  period: string;
  lookups: Lookups;
}

/**
 * The printed minutes (会议纪要): hidden on screen, the only thing on paper (see the print
 * stylesheet). A title with the date, the attendees (a line to fill in by hand when none were
 * typed), the decisions, and the figures the meeting looked at.
 */
export function MinutesPrint({ record, minutes, agenda, departments, grids, period, lookups }: MinutesPrintProps) {
  const { t, lang, indicator } = useReportsI18n();
  const started = record ? new Date(record.startedAt) : new Date();
  return (
    <article className="mt-print" data-testid="minutes-print">
      <h1>{t('meeting.printTitle')}</h1>
      <p className="mt-print-line">
        <span>
          {t('meeting.printDate')}
          {formatDate(started, lang)} {formatDateTime(started).slice(6)}
        </span>
        <span>
          {t('meeting.printPeriod')}
          {period}
        </span>
      </p>
      <p className="mt-print-line" data-testid="print-attendees">
        {t('meeting.attendees')}：{record?.attendees ? record.attendees : <span className="mt-print-blank" />}
      </p>
      <p className="mt-print-line">
        {t('meeting.printAgenda', {
          total: agenda.total,
          overdue: agenda.counts.overdue,
          escalated: agenda.counts.escalated,
          returned: agenda.counts.returned,
          reworked: agenda.counts.reworked,
        })}
      </p>
      <h2>{t('meeting.minutes')}</h2>
      <table className="mt-print-table">
        <thead>
          <tr>
            <th scope="col">{t('meeting.printNo')}</th>
            <th scope="col">{t('meeting.printCase')}</th>
            <th scope="col">{t('meeting.printDecision')}</th>
            <th scope="col">{t('meeting.printWho')}</th>
            <th scope="col">{t('meeting.printWhen')}</th>
          </tr>
        </thead>
        <tbody>
          {minutes.length === 0 && (
            <tr>
              <td colSpan={5}>{t('meeting.minutesEmpty')}</td>
            </tr>
          )}
          {minutes.map((m, i) => (
            <tr key={m.key}>
              <td>{i + 1}</td>
              <td>
                {minuteCase(m, lookups)}
                <br />
                <small>
                  <CaseNo incident={m.incident} />
                </small>
              </td>
              <td>{minuteDecision(m, lookups, t)}</td>
              <td>{m.who}</td>
              <td>{formatDateTime(m.at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="mt-print-figures">
        <WorstTable
          caption={t('meeting.worstDepts')}
          unit={t('meeting.unitDept')}
          rows={departments}
          columns={[
            { head: indicator('score'), value: (r) => formatScore(r.score), key: 'score' },
            { head: indicator('onTimeClosureRate'), value: (r) => formatRate(r.onTimeClosureRate), key: 'ontime' },
            { head: indicator('closureRate'), value: (r) => formatRate(r.closureRate), key: 'closure' },
            { head: t('meeting.overdueOpen'), value: (r) => String(r.overdueOpen), key: 'overdue' },
          ]}
        />
        <WorstTable
          caption={t('meeting.worstGrids')}
          unit={t('meeting.unitGrid')}
          rows={grids}
          columns={[
            { head: indicator('onTimeClosureRate'), value: (r) => formatRate(r.onTimeClosureRate), key: 'ontime' },
            { head: indicator('closureRate'), value: (r) => formatRate(r.closureRate), key: 'closure' },
            { head: t('meeting.closedOfDue'), value: (r) => `${r.closed}/${r.due}`, key: 'due' },
          ]}
        />
      </div>
      <p className="mt-print-line mt-print-sign">
        <span>
          {t('meeting.printRecorder')}
          <span className="mt-print-blank" />
        </span>
        <span>
          {t('meeting.printChecked')}
          <span className="mt-print-blank" />
        </span>
      </p>
    </article>
  );
}

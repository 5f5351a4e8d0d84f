import type { MeetingStatsRow } from '../api/meeting.ts';
import { formatRate, formatScore } from '../charts/ranking.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** The worst-ranked departments (by combined score) and grids (by on-time closure rate) of the period. */
export function WorstUnits({ departments, grids, period }: { departments: MeetingStatsRow[]; grids: MeetingStatsRow[]; period: string }) {
  const { t } = useI18n();
  return (
    <section className="mt-panel mt-worst" aria-labelledby="mt-worst-title">
      <h2 className="mt-panel-title" id="mt-worst-title">
        {t('meeting.worst')}
        <span className="mt-count mt-period">{period}</span>
      </h2>
      <WorstTable
        caption={t('meeting.worstDepts')}
        unit={t('meeting.unitDept')}
        rows={departments}
        testId="worst-departments"
        columns={[
          { head: t('meeting.score'), value: (r) => formatScore(r.score), key: 'score' },
          { head: t('meeting.onTimeRate'), value: (r) => formatRate(r.onTimeClosureRate), key: 'ontime' },
          { head: t('meeting.overdueOpen'), value: (r) => String(r.overdueOpen), key: 'overdue' },
        ]}
      />
      <WorstTable
        caption={t('meeting.worstGrids')}
        unit={t('meeting.unitGrid')}
        rows={grids}
        testId="worst-grids"
        columns={[
          { head: t('meeting.onTimeRate'), value: (r) => formatRate(r.onTimeClosureRate), key: 'ontime' },
          { head: t('meeting.closureRate'), value: (r) => formatRate(r.closureRate), key: 'closure' },
          { head: t('meeting.closedOfDue'), value: (r) => `${r.closed}/${r.due}`, key: 'due' },
        ]}
      />
    </section>
  );
}

interface Column {
  key: string;
  head: string;
  value: (r: MeetingStatsRow) => string;
}

/** One small ranking table; also printed with the minutes. */
export function WorstTable({
  caption,
  unit,
  rows,
  columns,
  testId,
}: {
  caption: string;
  unit: string;
  rows: MeetingStatsRow[];
  columns: Column[];
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <table className="mt-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{unit}</th>
          {columns.map((c) => (
            <th key={c.key} scope="col" className="mt-num">
              {c.head}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={columns.length + 1} className="mt-empty">
              {t('meeting.noFigures')}
            </td>
          </tr>
        )}
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            {columns.map((c) => (
              <td key={c.key} className="mt-num">
                {c.value(r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

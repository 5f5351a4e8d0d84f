import type { MeetingStatsRow } from '../api/meeting.ts';
import { formatRate, formatScore } from '../charts/ranking.ts';
import { useReportsI18n } from '../i18n/reports.ts';

/** The groupings the second ranking can show (the first is always by department). */
export const SECOND_GROUPINGS = ['grid', 'street', 'category'] as const;
export type SecondGrouping = (typeof SECOND_GROUPINGS)[number];

const TEST_IDS: Record<SecondGrouping, string> = { grid: 'worst-grids', street: 'worst-streets', category: 'worst-categories' };

export interface WorstUnitsProps {
  departments: MeetingStatsRow[];
  /** The lowest-ranked units of the second grouping, worst first. */
  others: MeetingStatsRow[];
  by: SecondGrouping;
  onBy: (by: SecondGrouping) => void;
  period: string;
}

/**
 * The worst-ranked departments (by combined score) and, by the room's choice, grids, streets or
 * case classes (by on-time closure rate) of the period, under the indicators' shared names.
 */
export function WorstUnits({ departments, others, by, onBy, period }: WorstUnitsProps) {
  const { t, tr, indicator } = useReportsI18n();
  return (
    <section className="mt-panel mt-worst" aria-labelledby="mt-worst-title">
      <h2 className="mt-panel-title" id="mt-worst-title">
        {t('meeting.worst')}
        <span className="mt-count mt-period" data-testid="worst-period">
          {period}
        </span>
      </h2>
      <div className="mt-scroll">
        <WorstTable
          caption={tr('meeting.worstCaption', { by: tr('by.department'), indicator: indicator('score') })}
          unit={t('meeting.unitDept')}
          rows={departments}
          testId="worst-departments"
          columns={[
            { head: indicator('score'), value: (r) => formatScore(r.score), key: 'score' },
            { head: indicator('onTimeClosureRate'), value: (r) => formatRate(r.onTimeClosureRate), key: 'ontime' },
            { head: t('meeting.overdueOpen'), value: (r) => String(r.overdueOpen), key: 'overdue' },
          ]}
        />
        <div className="mt-worst-by" role="group" aria-label={tr('by.label')} data-testid="worst-grouping">
          {SECOND_GROUPINGS.map((g) => (
            <button key={g} type="button" className="mt-preset" aria-pressed={g === by} onClick={() => onBy(g)}>
              {tr(`by.${g}`)}
            </button>
          ))}
        </div>
        <WorstTable
          caption={tr('meeting.worstCaption', { by: tr(`by.${by}`), indicator: indicator('onTimeClosureRate') })}
          unit={tr(`by.${by}`)}
          rows={others}
          testId={TEST_IDS[by]}
          columns={[
            { head: indicator('onTimeClosureRate'), value: (r) => formatRate(r.onTimeClosureRate), key: 'ontime' },
            { head: indicator('closureRate'), value: (r) => formatRate(r.closureRate), key: 'closure' },
            { head: t('meeting.closedOfDue'), value: (r) => `${r.closed}/${r.due}`, key: 'due' },
          ]}
        />
      </div>
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
  const { t } = useReportsI18n();
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

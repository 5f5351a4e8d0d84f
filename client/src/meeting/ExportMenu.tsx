import type { StatsGrouping } from '@streetchief/shared/indicators/stats';
import { csvDocument } from '@streetchief/shared/export/csv';
import { downloadText } from '../common/download.ts';
import type { Lookups } from '../common/lookups.ts';
import type { MessageKey } from '../i18n/dict.ts';
import { useReportsI18n } from '../i18n/reports.ts';
import type { GroupedAgenda } from './model.ts';
import { gridPlace } from './minutesText.ts';

export interface ExportMenuProps {
  period: { from: string; to: string };
  /** The grouping of the second ranking on screen (the first is by department). */
  by: StatsGrouping;
  agenda: GroupedAgenda;
  lookups: Lookups;
  today: string;
}

const FORMATS = ['csv', 'xlsx'] as const;

/**
 * 导出: the server's streamed exports for the meeting's period (indicators by department and by the
 * grouping on screen, the decisions recorded in the period, the overdue cases on the agenda, with the
 * full case columns), and the agenda as the room sees it, as CSV built here (every item with its
 * reasons; the case export has no filter for escalated, returned or reworked cases).
 */
export function ExportMenu({ period, by, agenda, lookups, today }: ExportMenuProps) {
  const { t, tr } = useReportsI18n();
  const q = (extra: Record<string, string>) => new URLSearchParams({ from: period.from, to: period.to, ...extra });
  const rows: { key: string; label: string; href: (f: (typeof FORMATS)[number]) => string }[] = [
    {
      key: 'stats-department',
      label: tr('meeting.exportStats', { by: tr('by.department') }),
      href: (f) => `/api/exports/stats.${f}?${q({ by: 'department' })}`,
    },
    ...(by === 'department'
      ? []
      : [
          {
            key: `stats-${by}`,
            label: tr('meeting.exportStats', { by: tr(`by.${by}` as 'by.grid') }),
            href: (f: string) => `/api/exports/stats.${f}?${q({ by })}`,
          },
        ]),
    { key: 'decisions', label: tr('meeting.exportDecisionsPeriod'), href: (f) => `/api/exports/decisions.${f}?${q({})}` },
    // The agenda's overdue cases are open ones, whenever they were reported: no period here.
    { key: 'overdue', label: tr('meeting.exportOverdue'), href: (f) => `/api/exports/cases.${f}?overdue=true` },
  ];
  const agendaCsv = () => {
    const items = agenda.groups.flatMap((g) => g.items);
    const body = items.map((item, i) => {
      const c = item.incident;
      const grid = lookups.grid(c.gridCode);
      return [
        i + 1,
        c.caseNo ?? '',
        lookups.category(c.categoryCode) ?? c.categoryCode,
        grid ? gridPlace(grid, lookups.lang) : c.gridCode,
        lookups.department(c.leadDept) ?? '',
        t(`status.${c.status}` as MessageKey),
        item.reasons.map((r) => t(`meeting.reason.${r}` as MessageKey)).join('、'),
        item.hoursOverdue || null,
      ];
    });
    downloadText(tr('meeting.agendaFile', { date: today }), csvDocument(tr('meeting.agendaCols').split(','), body));
  };
  return (
    <details className="mt-export" data-testid="export-menu">
      <summary className="mt-button">{tr('meeting.export')}</summary>
      <ul className="mt-export-list">
        {rows.map((r) => (
          <li key={r.key} data-export={r.key}>
            <span>{r.label}</span>
            {FORMATS.map((f) => (
              <a key={f} className="mt-button mt-export-link" href={r.href(f)} download data-format={f}>
                {f.toUpperCase()}
              </a>
            ))}
          </li>
        ))}
        <li data-export="agenda">
          <span>{tr('meeting.exportAgenda')}</span>
          <button type="button" className="mt-button mt-export-link" onClick={agendaCsv} data-format="csv">
            CSV
          </button>
        </li>
      </ul>
    </details>
  );
}

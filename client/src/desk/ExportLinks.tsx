import { useDeskI18n } from '../i18n/desk.ts';

/** `GET /api/exports/cases.{csv,xlsx}` with the queue's parameters (the server applies the user's scope). */
export function caseExportUrl(format: 'csv' | 'xlsx', query: Readonly<Record<string, string>>): string {
  const q = new URLSearchParams(query).toString();
  return `/api/exports/cases.${format}${q ? `?${q}` : ''}`;
}

/**
 * 导出 CSV / XLSX of the queue on screen, above its list: the same cases the queue shows, as the
 * server selects them. A queue the export cannot select exactly says so instead of exporting
 * something else.
 */
export function ExportLinks({ query, label }: { query: Readonly<Record<string, string>> | undefined; label: string }) {
  const { td } = useDeskI18n();
  return (
    <div className="queue-export" data-testid="queue-export" aria-label={`${td('export.label')}: ${label}`}>
      {query ? (
        <>
          {(['csv', 'xlsx'] as const).map((f) => (
            <a key={f} className="export-link" href={caseExportUrl(f, query)} download data-format={f}>
              {td(f === 'csv' ? 'export.csv' : 'export.xlsx')}
            </a>
          ))}
        </>
      ) : (
        <span className="queue-export-none">{td('export.none')}</span>
      )}
    </div>
  );
}

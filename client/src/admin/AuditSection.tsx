import { useCallback, useEffect, useState } from 'react';
import { AUDIT_ACTION_LABELS, type AuditEntry } from '@streetchief/shared/admin/index';
import { getAudit } from '../api/admin.ts';
import { isUnauthorized } from '../api/http.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useAdminI18n } from '../i18n/admin.ts';

const PAGE = 50;

/** What changed, in one line: `role: dispatcher → supervisor`, the username, a display's name. */
function detailsText(details: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(details)) {
    if (k === 'changes' && v && typeof v === 'object') {
      for (const [field, change] of Object.entries(v as Record<string, { from?: unknown; to?: unknown }>))
        parts.push(`${field}: ${JSON.stringify(change?.from ?? null)} → ${JSON.stringify(change?.to ?? null)}`);
    } else parts.push(`${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  }
  return parts.join(' · ');
}

/** The audit log, newest first, a page at a time; the exports carry the whole log, oldest first. */
export function AuditSection({ onUnauthorized }: { onUnauthorized: () => void }) {
  const { lang, ta } = useAdminI18n();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (from: string | null) => {
      setBusy(true);
      try {
        const page = await getAudit(from, PAGE);
        setEntries((list) => (from === null ? page.entries : [...(list ?? []), ...page.entries]));
        setCursor(page.nextCursor);
        setError(null);
      } catch (err) {
        if (isUnauthorized(err)) onUnauthorized();
        setError(ta('admin.failed', { message: err instanceof Error ? err.message : String(err) }));
      } finally {
        setBusy(false);
      }
    },
    [onUnauthorized, ta],
  );
  useEffect(() => {
    void load(null);
  }, [load]);

  return (
    <section className="admin-section" aria-label={ta('admin.tab.audit')}>
      <div className="admin-form-row">
        <button type="button" onClick={() => void load(null)} disabled={busy}>
          {ta('admin.refresh')}
        </button>
        <a className="admin-button" href="/api/admin/audit.csv" download>
          {ta('audit.csv')}
        </a>
        <a className="admin-button" href="/api/admin/audit.xlsx" download>
          {ta('audit.xlsx')}
        </a>
        {entries && <span className="admin-dim">{ta('audit.shown', { n: entries.length })}</span>}
      </div>
      {error && (
        <p className="admin-error" role="alert">
          {error}
        </p>
      )}
      {entries === null ? (
        <p className="admin-dim">{ta('admin.loading')}</p>
      ) : entries.length === 0 ? (
        <p className="admin-dim">{ta('audit.none')}</p>
      ) : (
        <table className="admin-table" data-testid="audit">
          <thead>
            <tr>
              <th>{ta('audit.colAt')}</th>
              <th>{ta('audit.colActor')}</th>
              <th>{ta('audit.colAction')}</th>
              <th>{ta('audit.colTarget')}</th>
              <th>{ta('audit.colDetails')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => {
              const details = detailsText(e.details);
              return (
                <tr key={e.id} data-action={e.action}>
                  <td className="admin-nowrap">{formatDateTime(e.at)}</td>
                  <td>{e.actorName}</td>
                  <td>{AUDIT_ACTION_LABELS[e.action][lang === 'en' ? 'en' : 'zh']}</td>
                  <td className="admin-mono">
                    {e.targetKind}:{e.targetId}
                  </td>
                  <td className="admin-clip admin-wide" title={details}>
                    {details}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {cursor && (
        <button type="button" onClick={() => void load(cursor)} disabled={busy}>
          {ta('audit.more')}
        </button>
      )}
    </section>
  );
}

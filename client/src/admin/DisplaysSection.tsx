import { useState, type FormEvent } from 'react';
import type { CreatedDisplay } from '@streetchief/shared/admin/index';
import { createDisplay, listDisplays, revokeDisplay } from '../api/admin.ts';
import { useAdminList } from './useAdminList.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useAdminI18n, type AdminKey } from '../i18n/admin.ts';

/** Wall displays: register one (its enrollment code and address shown once), the list with last seen, revoke. */
export function DisplaysSection({ onUnauthorized }: { onUnauthorized: () => void }) {
  const { t, ta } = useAdminI18n();
  const { items: displays, setItems: setDisplays, error, setError, fail, load } = useAdminList(listDisplays, onUnauthorized);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedDisplay | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy || !name.trim()) return;
    setBusy(true);
    try {
      const answer = await createDisplay(name.trim());
      setCreated(answer);
      setName('');
      setDisplays((list) => [answer.display, ...(list ?? [])]);
      setError(null);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  async function revoke(id: string) {
    setConfirming(null);
    try {
      const d = await revokeDisplay(id);
      setDisplays((list) => (list ?? []).map((x) => (x.id === d.id ? d : x)));
      setError(null);
    } catch (err) {
      fail(err);
    }
  }

  // The server answers a path; the screen shows the whole address to type into the display's browser.
  const url = created ? new URL(created.enrollment.url, window.location.origin).href : null;

  return (
    <section className="admin-section" aria-label={ta('admin.tab.displays')}>
      <form className="admin-form admin-form-row" onSubmit={submit}>
        <label>
          {ta('displays.name')}
          <input
            name="displayName"
            required
            maxLength={64}
            placeholder={ta('displays.namePlaceholder')}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <button type="submit" disabled={busy || !name.trim()}>
          {ta('displays.enroll')}
        </button>
        <button type="button" onClick={load}>
          {ta('admin.refresh')}
        </button>
      </form>
      {created && url && (
        <div className="admin-once" role="status" data-testid="enrollment">
          <p>
            <strong>{ta('displays.codeTitle', { name: created.display.name, time: formatDateTime(created.enrollment.expiresAt) })}</strong>
          </p>
          <p>
            <code className="admin-secret" data-testid="enrollment-code">
              {created.enrollment.code}
            </code>
          </p>
          <p>
            <a href={url} className="admin-mono" data-testid="enrollment-url">
              {url}
            </a>
          </p>
          <p className="admin-dim">{ta('displays.codeHint')}</p>
          <button type="button" onClick={() => setCreated(null)}>
            {ta('users.tempDone')}
          </button>
        </div>
      )}
      {error && (
        <p className="admin-error" role="alert">
          {error}
        </p>
      )}
      {displays === null ? (
        <p className="admin-dim">{ta('admin.loading')}</p>
      ) : displays.length === 0 ? (
        <p className="admin-dim">{ta('displays.none')}</p>
      ) : (
        <table className="admin-table" data-testid="displays">
          <thead>
            <tr>
              <th>{ta('displays.colName')}</th>
              <th>{ta('displays.colStatus')}</th>
              <th>{ta('displays.colCreated')}</th>
              <th>{ta('displays.colLastSeen')}</th>
              <th>{ta('displays.colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {displays.map((d) => (
              <tr key={d.id} data-display={d.id} data-status={d.status} className={d.status === 'revoked' ? 'admin-row-off' : undefined}>
                <td>{d.name}</td>
                <td>{ta(`displays.status.${d.status}` as AdminKey)}</td>
                <td>
                  {formatDateTime(d.createdAt)} · {d.createdBy.name}
                </td>
                <td>{d.lastSeenAt ? formatDateTime(d.lastSeenAt) : ta('admin.never')}</td>
                <td className="admin-actions">
                  {d.status === 'revoked' ? null : confirming === d.id ? (
                    <>
                      <span>{ta('displays.confirmRevoke', { name: d.name })}</span>
                      <button type="button" className="admin-danger" autoFocus onClick={() => void revoke(d.id)}>
                        {ta('displays.revoke')}
                      </button>
                      <button type="button" onClick={() => setConfirming(null)}>
                        {t('form.cancel')}
                      </button>
                    </>
                  ) : (
                    <button type="button" onClick={() => setConfirming(d.id)}>
                      {ta('displays.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

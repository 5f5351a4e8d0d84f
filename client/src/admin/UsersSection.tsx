import { useState } from 'react';
import type { AdminUser, TemporaryPasswordAnswer } from '@streetchief/shared/admin/index';
import { listUsers, resetPassword, setUserDisabled } from '../api/admin.ts';
import { useAdminList } from './useAdminList.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useAdminI18n } from '../i18n/admin.ts';
import type { MessageKey } from '../i18n/dict.ts';
import { scopeText } from './scopeText.ts';
import type { AdminReference } from './useAdminReference.ts';
import { UserForm } from './UserForm.tsx';

type Pending = { id: string; action: 'disable' | 'reset' };

/** Accounts: the list with role, scope and status, the new-account form, disable/enable and password reset. */
export function UsersSection({ reference, onUnauthorized }: { reference: AdminReference; onUnauthorized: () => void }) {
  const { t, ta } = useAdminI18n();
  const { items: users, setItems: setUsers, error, setError, fail } = useAdminList(listUsers, onUnauthorized);
  const [pending, setPending] = useState<Pending | null>(null);
  const [temporary, setTemporary] = useState<TemporaryPasswordAnswer | null>(null);

  const replace = (u: AdminUser) => setUsers((list) => (list ?? []).map((x) => (x.id === u.id ? u : x)));

  async function run(fn: () => Promise<void>) {
    setPending(null);
    try {
      await fn();
      setError(null);
    } catch (err) {
      fail(err);
    }
  }

  return (
    <section className="admin-section" aria-label={ta('admin.tab.users')}>
      <UserForm
        reference={reference}
        onCreated={(answer) => {
          setTemporary(answer);
          setUsers((list) => [...(list ?? []), answer.user].sort((a, b) => a.username.localeCompare(b.username)));
        }}
        onUnauthorized={onUnauthorized}
      />
      {temporary && <TemporaryPassword answer={temporary} onDone={() => setTemporary(null)} />}
      {error && (
        <p className="admin-error" role="alert">
          {error}
        </p>
      )}
      {users === null ? (
        <p className="admin-dim">{ta('admin.loading')}</p>
      ) : (
        <>
          <p className="admin-dim">{ta('users.count', { n: users.length })}</p>
          <table className="admin-table" data-testid="users">
            <thead>
              <tr>
                <th>{ta('users.colUsername')}</th>
                <th>{ta('users.colName')}</th>
                <th>{ta('users.colRole')}</th>
                <th>{ta('users.colScope')}</th>
                <th>{ta('users.colStatus')}</th>
                <th>{ta('users.colLastSignIn')}</th>
                <th>{ta('users.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => {
                const scope = scopeText(u, reference, ta);
                return (
                  <tr key={u.id} data-username={u.username} className={u.disabled ? 'admin-row-off' : undefined}>
                    <td className="admin-mono">{u.username}</td>
                    <td>{u.displayName}</td>
                    <td>{t(`role.${u.role}` as MessageKey)}</td>
                    <td className="admin-clip" title={scope.full}>
                      {scope.short}
                    </td>
                    <td>
                      {u.disabled
                        ? ta('users.statusDisabled')
                        : u.mustChangePassword
                          ? ta('users.statusMustChange')
                          : ta('users.statusActive')}
                    </td>
                    <td>{u.lastSignInAt ? formatDateTime(u.lastSignInAt) : ta('admin.never')}</td>
                    <td className="admin-actions">
                      {pending?.id === u.id ? (
                        <>
                          <span>
                            {ta(pending.action === 'reset' ? 'users.confirmReset' : 'users.confirmDisable', { name: u.displayName })}
                          </span>
                          <button
                            type="button"
                            className="admin-danger"
                            autoFocus
                            onClick={() =>
                              void run(async () => {
                                if (pending.action === 'reset') {
                                  const answer = await resetPassword(u.id);
                                  replace(answer.user);
                                  setTemporary(answer);
                                } else replace(await setUserDisabled(u.id, true));
                              })
                            }
                          >
                            {ta(pending.action === 'reset' ? 'users.reset' : 'users.disable')}
                          </button>
                          <button type="button" onClick={() => setPending(null)}>
                            {t('form.cancel')}
                          </button>
                        </>
                      ) : (
                        <>
                          {u.disabled ? (
                            <button type="button" onClick={() => void run(async () => replace(await setUserDisabled(u.id, false)))}>
                              {ta('users.enable')}
                            </button>
                          ) : (
                            <button type="button" onClick={() => setPending({ id: u.id, action: 'disable' })}>
                              {ta('users.disable')}
                            </button>
                          )}
                          <button type="button" disabled={u.disabled} onClick={() => setPending({ id: u.id, action: 'reset' })}>
                            {ta('users.reset')}
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** The temporary password, shown this once: the server keeps only its hash. */
function TemporaryPassword({ answer, onDone }: { answer: TemporaryPasswordAnswer; onDone: () => void }) {
  const { ta } = useAdminI18n();
  return (
    <div className="admin-once" role="status" data-testid="temp-password-box">
      <p>
        <strong>{ta('users.tempTitle', { name: `${answer.user.displayName} (${answer.user.username})` })}</strong>
      </p>
      <p>
        <code className="admin-secret" data-testid="temp-password">
          {answer.temporaryPassword}
        </code>
      </p>
      <p className="admin-dim">{ta('users.tempHint')}</p>
      <button type="button" onClick={onDone}>
        {ta('users.tempDone')}
      </button>
    </div>
  );
}

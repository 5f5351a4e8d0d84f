import { useMemo, useState, type FormEvent } from 'react';
import type { TemporaryPasswordAnswer } from '@streetchief/shared/admin/index';
import { ROLES, type Role } from '@streetchief/shared/domain/roles';
import { ROLE_SCOPE, scopeProblem } from '@streetchief/shared/domain/roleScope';
import { createUser } from '../api/admin.ts';
import { HttpError, isUnauthorized } from '../api/http.ts';
import { useAdminI18n } from '../i18n/admin.ts';
import type { MessageKey } from '../i18n/dict.ts';
import type { AdminReference } from './useAdminReference.ts';

/** Roles an administrator creates here; wall displays are enrolled as devices instead of sharing a password. */
const FORM_ROLES = ROLES.filter((r) => r !== 'wall');

/**
 * The new-account form. The scope picker follows the role through the shared rule (ROLE_SCOPE):
 * a department for a handler, a street for a street chief, grids for patrol and grid staff,
 * nothing for district-wide roles. The server checks the same rule and names the field it refuses.
 */
export function UserForm({
  reference,
  onCreated,
  onUnauthorized,
}: {
  reference: AdminReference;
  onCreated: (answer: TemporaryPasswordAnswer) => void;
  onUnauthorized: () => void;
}) {
  const { t, ta } = useAdminI18n();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('dispatcher');
  const [departmentCode, setDepartmentCode] = useState('');
  const [streetCode, setStreetCode] = useState('');
  const [gridCodes, setGridCodes] = useState<string[]>([]);
  const [gridFilter, setGridFilter] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const kind = ROLE_SCOPE[role];
  const scope = {
    departmentCode: kind === 'department' && departmentCode ? departmentCode : null,
    streetCode: kind === 'street' && streetCode ? streetCode : null,
    gridCodes: kind === 'grids' ? gridCodes : [],
  };
  const gridSet = useMemo(() => new Set(reference.grids.map((g) => g.code)), [reference.grids]);
  const problem = scopeProblem(role, scope, {
    hasGrid: (c) => gridSet.has(c),
    hasStreet: (c) => reference.streets.some((s) => s.code === c),
    hasDepartment: (c) => reference.departments.some((d) => d.code === c),
  });
  const shownGrids = useMemo(() => {
    const f = gridFilter.trim();
    return f ? reference.grids.filter((g) => g.name.includes(f) || g.code.includes(f) || g.streetName.includes(f)) : reference.grids;
  }, [reference.grids, gridFilter]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy || problem) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await createUser({ username: username.trim(), displayName: displayName.trim(), role, ...scope });
      onCreated(answer);
      setUsername('');
      setDisplayName('');
      setGridCodes([]);
    } catch (err) {
      if (isUnauthorized(err)) onUnauthorized();
      const body = err instanceof HttpError ? (err.body as { field?: unknown; reason?: unknown } | null) : null;
      const where = typeof body?.field === 'string' ? `${body.field}: ` : '';
      setError(ta('admin.failed', { message: typeof body?.reason === 'string' ? where + body.reason : String((err as Error).message) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby="user-form-title" data-testid="user-form">
      <h2 id="user-form-title">{ta('users.new')}</h2>
      <div className="admin-form-row">
        <label>
          {ta('users.username')}
          <input name="username" required autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          {ta('users.displayName')}
          <input name="displayName" required autoComplete="off" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </label>
        <label>
          {ta('users.role')}
          <select name="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {FORM_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        {kind === 'department' && (
          <label>
            {ta('users.department')}
            <select name="departmentCode" value={departmentCode} onChange={(e) => setDepartmentCode(e.target.value)}>
              <option value="">{ta('users.choose')}</option>
              {reference.departments.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.name} ({d.code})
                </option>
              ))}
            </select>
          </label>
        )}
        {kind === 'street' && (
          <label>
            {ta('users.street')}
            <select name="streetCode" value={streetCode} onChange={(e) => setStreetCode(e.target.value)}>
              <option value="">{ta('users.choose')}</option>
              {reference.streets.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.name} ({s.code})
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" disabled={busy || problem !== null || !username.trim() || !displayName.trim()}>
          {busy ? ta('users.creating') : ta('users.create')}
        </button>
      </div>
      {kind === 'grids' && (
        <fieldset className="admin-grids">
          <legend>
            {ta('users.grids')} · {ta('users.gridsChosen', { n: gridCodes.length })}
          </legend>
          <input
            type="search"
            aria-label={ta('users.gridFilter')}
            placeholder={ta('users.gridFilter')}
            value={gridFilter}
            onChange={(e) => setGridFilter(e.target.value)}
          />
          <div className="admin-grid-list">
            {shownGrids.map((g) => (
              <label key={g.code} title={`${g.streetName} · ${g.code}`}>
                <input
                  type="checkbox"
                  checked={gridCodes.includes(g.code)}
                  onChange={(e) => setGridCodes((cs) => (e.target.checked ? [...cs, g.code] : cs.filter((c) => c !== g.code)))}
                />
                {g.name} <span className="admin-dim admin-mono">{g.code}</span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {problem && (username || displayName) && <p className="admin-dim">{problem.reason}</p>}
      {error && (
        <p className="admin-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

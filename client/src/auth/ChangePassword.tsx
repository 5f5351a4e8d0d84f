import { useState, type FormEvent } from 'react';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from '@streetchief/shared/admin/index';
import type { User } from '@streetchief/shared/domain/roles';
import { changePassword, type SessionInfo } from '../api/account.ts';
import { HttpError } from '../api/http.ts';
import { useAdminI18n, type AdminKey } from '../i18n/admin.ts';
import { SignOutButton } from './RoleGate.tsx';
import './auth.css';

export interface ChangePasswordProps {
  user: User;
  /** The password just typed at sign-in, so it is not asked for twice; empty after a reload. */
  knownCurrent?: string;
  onChanged: (info: SessionInfo) => void;
}

/**
 * The form a new or reset account meets before any page: current, new, repeat. The shared policy
 * is checked as the user types, so the reason shows before the server is asked; the server checks
 * it again and its reason is shown too.
 */
export function ChangePassword({ user, knownCurrent, onChanged }: ChangePasswordProps) {
  const { ta } = useAdminI18n();
  const [current, setCurrent] = useState(knownCurrent ?? '');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const problem = next ? passwordProblem(next, { username: user.username, ...(current ? { current } : {}) }) : null;
  const problemText = problem ? ta(`pw.rule.${problem.rule}` as AdminKey, { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH }) : null;
  const mismatch = repeat !== '' && next !== repeat;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy || problem || next !== repeat) {
      if (next !== repeat) setError(ta('pw.mismatch'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onChanged(await changePassword(current, next));
    } catch (err) {
      const body = err instanceof HttpError ? (err.body as { field?: unknown; reason?: unknown } | null) : null;
      if (body?.field === 'current') setError(ta('pw.wrongCurrent'));
      else
        setError(
          ta('pw.failed', { message: typeof body?.reason === 'string' ? body.reason : err instanceof Error ? err.message : String(err) }),
        );
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="signin change-password" onSubmit={submit} aria-labelledby="pw-title" data-testid="change-password">
      <h1 id="pw-title">{ta('pw.title')}</h1>
      <p className="signin-notice">{ta('pw.lead', { name: user.displayName })}</p>
      {knownCurrent === undefined && (
        <label>
          {ta('pw.current')}
          <input
            name="current-password"
            type="password"
            autoComplete="current-password"
            autoFocus
            required
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </label>
      )}
      <label>
        {ta('pw.next')}
        <input
          name="new-password"
          type="password"
          autoComplete="new-password"
          autoFocus={knownCurrent !== undefined}
          required
          maxLength={PASSWORD_MAX_LENGTH}
          aria-invalid={problem !== null}
          aria-describedby="pw-rules"
          value={next}
          onChange={(e) => setNext(e.target.value)}
        />
      </label>
      <label>
        {ta('pw.repeat')}
        <input
          name="repeat-password"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={mismatch}
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
        />
      </label>
      <p id="pw-rules" className="pw-rules">
        {ta('pw.rules', { min: PASSWORD_MIN_LENGTH })}
      </p>
      {problemText && (
        <p className="pw-problem" data-testid="pw-problem">
          {problemText}
        </p>
      )}
      {mismatch && <p className="pw-problem">{ta('pw.mismatch')}</p>}
      {error && (
        <p className="signin-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy || problem !== null || next === '' || next !== repeat}>
        {busy ? ta('pw.busy') : ta('pw.submit')}
      </button>
      <SignOutButton />
    </form>
  );
}

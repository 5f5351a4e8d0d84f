import { useState, type FormEvent } from 'react';
import type { User } from '@streetchief/shared/domain/roles';
import { signInForInfo, type SessionInfo } from '../api/account.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ChangePassword } from './ChangePassword.tsx';

export interface SignInProps {
  /** Signed in, and the password is one the user chose (a temporary one was replaced first). */
  onSignedIn: (user: User, info: SessionInfo) => void;
  /** Shown above the form, e.g. "session expired". */
  notice?: string;
}

/**
 * Username/password form; the server answers with a long-lived session cookie. An account that
 * must change its password (new, or reset by an administrator) gets the change form next, with
 * the password just typed as the current one, and is signed in only after it.
 */
export function SignIn({ onSignedIn, notice }: SignInProps) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [mustChange, setMustChange] = useState<SessionInfo | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const info = await signInForInfo(username.trim(), password);
      if (!info) setError(t('signin.failed'));
      else if (info.mustChangePassword) setMustChange(info);
      else onSignedIn(info.user, info);
    } catch (err) {
      setError(t('signin.error', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  }

  if (mustChange)
    return <ChangePassword user={mustChange.user} knownCurrent={password} onChanged={(info) => onSignedIn(info.user, info)} />;

  return (
    <form className="signin" onSubmit={submit} aria-labelledby="signin-title">
      <h1 id="signin-title">{t('signin.title')}</h1>
      {notice && <p className="signin-notice">{notice}</p>}
      <label>
        {t('signin.username')}
        <input name="username" autoComplete="username" autoFocus required value={username} onChange={(e) => setUsername(e.target.value)} />
      </label>
      <label>
        {t('signin.password')}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {error && (
        <p className="signin-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? t('signin.busy') : t('signin.submit')}
      </button>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import type { User } from '@streetchief/shared/domain/roles';
import { signIn } from '../api/session.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

export interface SignInProps {
  onSignedIn: (user: User) => void;
  /** Shown above the form, e.g. "session expired". */
  notice?: string;
}

/** Username/password form; the server answers with a long-lived session cookie. */
export function SignIn({ onSignedIn, notice }: SignInProps) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const user = await signIn(username.trim(), password);
      if (user) onSignedIn(user);
      else setError(t('signin.failed'));
    } catch (err) {
      setError(t('signin.error', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  }

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

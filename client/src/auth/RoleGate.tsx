import type { ReactNode } from 'react';
import type { Role, User } from '@streetchief/shared/domain/roles';
import { signOut } from '../api/session.ts';
import type { MessageKey } from '../i18n/dict.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/**
 * Which page is for whom. This is routing, not permission: the server decides what a user may see
 * and do, and the buttons come from the shared workflow table; a user on the wrong page is told
 * where to go and can switch account.
 */
export function RoleGate({ user, roles, children }: { user: User; roles: readonly Role[]; children: ReactNode }) {
  const { t } = useI18n();
  if (roles.includes(user.role)) return <>{children}</>;
  return (
    <div className="gate-screen">
      <div className="role-gate" role="alert">
        <p>{t('gate.wrongRole', { name: user.displayName, role: t(`role.${user.role}` as MessageKey) })}</p>
        <p className="role-gate-hint">{t('gate.pagesFor', { roles: roles.map((r) => t(`role.${r}` as MessageKey)).join('、') })}</p>
        <p>
          <a href="/">{t('gate.home')}</a>
          {' · '}
          <SignOutButton />
        </p>
      </div>
    </div>
  );
}

/** Signs out and reloads, so the sign-in form appears for another account. */
export function SignOutButton({ className }: { className?: string }) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className={className ?? 'link-button'}
      onClick={() => {
        void signOut()
          .catch(() => {})
          .finally(() => window.location.reload());
      }}
    >
      {t('session.signOut')}
    </button>
  );
}

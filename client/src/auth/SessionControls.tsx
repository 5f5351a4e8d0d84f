import type { User } from '@streetchief/shared/domain/roles';
import type { MessageKey } from '../i18n/dict.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LangToggle } from '../i18n/LangToggle.tsx';
import { SignOutButton } from './RoleGate.tsx';

/** The right end of a desk's header: who is signed in, the language switch, sign-out. */
export function SessionControls({ user, userClassName }: { user: Pick<User, 'displayName' | 'role'>; userClassName: string }) {
  const { t } = useI18n();
  return (
    <>
      <span className={userClassName}>
        {user.displayName} · {t(`role.${user.role}` as MessageKey)}
      </span>
      <LangToggle />
      <SignOutButton className="lang-toggle" />
    </>
  );
}

import type { ReactNode } from 'react';
import type { User } from '@streetchief/shared/domain/roles';
import { SessionControls } from '../auth/SessionControls.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatTime } from '../i18n/format.ts';
import type { ConnectionState } from '../sync/eventSync.ts';

/** Title, who is signed in, whether the page is live, language, sign-out. */
export function DeskHeader({
  title,
  user,
  connection,
  children,
}: {
  title: string;
  user: User;
  connection: ConnectionState;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const conn =
    connection.status === 'live'
      ? t('conn.live')
      : connection.status === 'connecting'
        ? t('conn.connecting')
        : t('conn.offline', { time: formatTime(connection.since) });
  return (
    <header className="desk-header">
      <h1>{title}</h1>
      <span className={`conn conn-${connection.status}`} data-testid="connection" data-status={connection.status} role="status">
        <span className="conn-dot" aria-hidden="true" />
        {conn}
      </span>
      <span className="desk-header-spacer" />
      {children}
      <SessionControls user={user} userClassName="desk-user" />
    </header>
  );
}

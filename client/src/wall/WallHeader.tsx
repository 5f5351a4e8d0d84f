import { useEffect, useState } from 'react';
import type { ConnectionState } from '../sync/eventSync.ts';
import { useSessionStatus } from '../auth/SessionGate.tsx';
import { useAdminI18n } from '../i18n/admin.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LangToggle } from '../i18n/LangToggle.tsx';
import { formatDate, formatTime } from '../i18n/format.ts';

/** The live clock, re-rendering only itself once a second. */
function Clock() {
  const { lang } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className="clock" data-testid="clock">
      <span className="clock-time">{formatTime(now)}</span>
      <span className="clock-date">{formatDate(now, lang)}</span>
    </div>
  );
}

/** When the data on screen stopped being current: the earlier of losing the socket and losing the session. */
function staleSince(connection: ConnectionState, signedOutSince: number): number {
  return connection.status === 'live' ? signedOutSince : Math.min(connection.since, signedOutSince);
}

/**
 * 实时 / 连接中 / 已断开 · 自 HH:MM:SS, with a shape per state (●, ◌, ✕) besides the colour. A
 * session the server ended (401, a revoked display) is "signed out" whatever the socket last
 * said: the figures on screen are from before that moment and must not be read as live.
 */
export function ConnectionPill({ connection }: { connection: ConnectionState }) {
  const { t, ta } = useAdminI18n();
  const { signedOutSince } = useSessionStatus();
  const status = signedOutSince !== null ? 'signedOut' : connection.status;
  const text =
    status === 'signedOut'
      ? ta('wallAuth.signedOut', { time: formatTime(staleSince(connection, signedOutSince ?? Date.now())) })
      : status === 'live'
        ? t('conn.live')
        : status === 'connecting'
          ? t('conn.connecting')
          : t('conn.offline', { time: formatTime(connection.since) });
  const glyph = status === 'live' ? '●' : status === 'connecting' ? '◌' : '✕';
  return (
    <div className={`conn conn-${status === 'signedOut' ? 'offline' : status}`} data-testid="connection" data-status={status} role="status">
      <span className="conn-glyph" aria-hidden>
        {glyph}
      </span>
      {text}
    </div>
  );
}

export function WallHeader({ district, disclaimer, connection }: { district: string; disclaimer: string; connection: ConnectionState }) {
  const { t } = useI18n();
  return (
    <header className="wall-header">
      <div className="wall-title-block">
        <h1 className="wall-title">{t('wall.title', { district })}</h1>
        <p className="wall-disclaimer" data-testid="disclaimer">
          {disclaimer}
        </p>
      </div>
      <div className="wall-header-right">
        <ConnectionPill connection={connection} />
        <Clock />
        <LangToggle />
      </div>
    </header>
  );
}

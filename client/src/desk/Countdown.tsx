import { useNow } from '../common/useNow.ts';
import type { Incident } from '@streetchief/shared/domain/incident';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatDateTime, formatDuration } from '../i18n/format.ts';
import { deadlineState } from './deadline.ts';

/** Time left before the deadline, or how long past it (red, with a mark: never colour alone). */
export function Countdown({
  incident,
  now,
  withSeconds = false,
}: {
  incident: Pick<Incident, 'status' | 'deadline' | 'lateAt'>;
  now: number;
  withSeconds?: boolean;
}) {
  const { t, lang } = useI18n();
  const d = deadlineState(incident, new Date(now));
  if (d.kind === 'none') return null;
  let duration = formatDuration(d.ms, lang);
  if (withSeconds && d.ms < 3_600_000)
    duration = `${duration} ${String(Math.floor(d.ms / 1000) % 60).padStart(2, '0')}${t('dur.secondsUnit')}`;
  switch (d.kind) {
    case 'over':
      return (
        <span
          className="countdown countdown-over"
          data-testid="countdown"
          title={t('deadline.at', { time: incident.deadline ? formatDateTime(incident.deadline) : '' })}
        >
          ⚠ {t('deadline.over', { duration })}
        </span>
      );
    case 'left':
      return (
        <span className={`countdown${d.ms < 3_600_000 ? ' countdown-soon' : ''}`} data-testid="countdown">
          {t('deadline.left', { duration })}
        </span>
      );
    case 'provisional':
      return (
        <span className="countdown countdown-provisional" data-testid="countdown" title={t('deadline.provisionalHint')}>
          {t('deadline.provisional', { duration })}
        </span>
      );
  }
}

/** A countdown with its own one-second clock, so only it re-renders every second. */
export function LiveCountdown({ incident }: { incident: Pick<Incident, 'status' | 'deadline' | 'lateAt'> }) {
  const now = useNow(1000);
  return <Countdown incident={incident} now={now} withSeconds />;
}

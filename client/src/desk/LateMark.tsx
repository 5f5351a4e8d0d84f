import type { Incident } from '@streetchief/shared/domain/incident';
import { formatDayTime } from '../i18n/format.ts';
import { useDeskI18n } from '../i18n/desk.ts';
import { deadlineState, lateMark } from './deadline.ts';

/**
 * 已超期 / 曾超期（原期限 …）: the case went late, shown for as long as the case lives (a meeting's new
 * deadline does not take it away). `compact` on a queue row: nothing while the countdown itself
 * says 超期 (the deadline in force has passed), the mark otherwise.
 */
export function LateMark({
  incident,
  now,
  compact = false,
}: {
  incident: Pick<Incident, 'status' | 'deadline' | 'lateAt'>;
  now: number;
  compact?: boolean;
}) {
  const { td, lang } = useDeskI18n();
  const mark = lateMark(incident, new Date(now));
  if (!mark) return null;
  if (compact && deadlineState(incident, new Date(now)).kind === 'over') return null;
  const time = formatDayTime(mark.missed, lang);
  return (
    <span className="flag flag-alert late-mark" data-testid="late-mark" data-late={mark.kind} title={td('late.hint')}>
      {mark.kind === 'wasLate' ? td('late.wasLate', { time }) : compact ? td('late.late') : td('late.lateAt', { time })}
    </span>
  );
}

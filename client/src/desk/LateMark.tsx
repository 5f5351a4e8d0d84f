import type { Incident } from '@streetchief/shared/domain/incident';
import type { Lang } from '../i18n/dict.ts';
import { DISPLAY_TIME_ZONE } from '../i18n/format.ts';
import { useDeskI18n } from '../i18n/desk.ts';
import { deadlineState, lateMark } from './deadline.ts';

const dayTime: Record<Lang, Intl.DateTimeFormat> = {
  'zh-CN': new Intl.DateTimeFormat('zh-CN', {
    timeZone: DISPLAY_TIME_ZONE,
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: DISPLAY_TIME_ZONE,
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }),
};

/** A missed deadline as people say it: 12月1日 17:00, 1 Dec 17:00 (Shanghai time). */
export function formatMissed(iso: string, lang: Lang): string {
  return dayTime[lang].format(new Date(iso)).replace(/\s+/g, ' ');
}

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
  const time = formatMissed(mark.missed, lang);
  return (
    <span className="flag flag-alert late-mark" data-testid="late-mark" data-late={mark.kind} title={td('late.hint')}>
      {mark.kind === 'wasLate' ? td('late.wasLate', { time }) : compact ? td('late.late') : td('late.lateAt', { time })}
    </span>
  );
}

import { gridFullName } from '@streetchief/shared/domain/gridLabel';
import type { GridInfo, Lookups } from '../common/lookups.ts';
import type { useI18n } from '../i18n/I18nProvider.tsx';
import { formatDateTime } from '../i18n/format.ts';
import type { MinuteEntry } from './model.ts';

type T = ReturnType<typeof useI18n>['t'];

/** A grid with its community named once (东安社区第03网格, not 东安社区东安社区第03网格). */
export function gridPlace(grid: GridInfo, lang: Lookups['lang'], separator = lang === 'en' ? ', ' : ''): string {
  return gridFullName(grid.name, grid.communityName, separator);
}

/** The case of a minute, as the room knows it: class, community and grid. */
export function minuteCase(m: MinuteEntry, lookups: Lookups): string {
  const c = m.incident;
  const grid = lookups.grid(c.gridCode);
  const cls = lookups.category(c.categoryCode) ?? c.categoryCode;
  if (!grid) return cls;
  return lookups.lang === 'en' ? `${cls} (${gridPlace(grid, 'en')})` : `${cls}（${gridPlace(grid, 'zh-CN')}）`;
}

/** What was decided: re-dispatch, deadline, responsible chief, then the note. */
export function minuteDecision(m: MinuteEntry, lookups: Lookups, t: T): string {
  const c = m.incident;
  const parts: string[] = [];
  if (m.redispatched) parts.push(t('meeting.h.redispatch', { dept: lookups.department(c.leadDept) ?? '' }));
  if (c.deadline) parts.push(t('meeting.h.deadline', { time: formatDateTime(c.deadline) }));
  if (c.responsibleChief) parts.push(t('meeting.h.chief', { name: c.responsibleChief }));
  if (m.note) parts.push(m.note);
  return parts.join('；');
}

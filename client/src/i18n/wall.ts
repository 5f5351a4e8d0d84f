import { useCallback } from 'react';
import type { Lang } from './dict.ts';
import { useI18n } from './I18nProvider.tsx';

/**
 * The wall's own text (/wall, the command-centre screen): KPI tiles with their periods, the
 * overdue and warning queues, the map legend and the rankings. Same shape as the main dictionary:
 * Simplified Chinese first, `{name}` placeholders; `useWallI18n` reads the language from the same
 * provider.
 */
const zhCN = {
  'wall.period.today': '今日',
  'wall.period.now': '当前',
  'wall.kpi.reportsToday': '今日上报',
  'wall.kpi.open': '在办',
  'wall.kpi.overdue': '超期未结',
  'wall.kpi.warning': '预警',
  'wall.kpi.closureRate': '本月结案率',
  'wall.kpi.onTimeRate': '本月按期结案率',
  'wall.kpi.rateDetail': '{closed} / {due} 件',
  'wall.kpi.noneDue': '本月尚无应结案件',
  'wall.kpi.asOf': '截至 {time}',

  'wall.overdue.title': '超期未结',
  'wall.warning.title': '预警',
  'wall.queue.count': '{n} 件',
  'wall.queue.more': '另有 {n} 件',
  'wall.overdue.none': '当前没有超期未结案件',
  'wall.warning.none': '当前没有预警案件',
  'wall.warning.left': '剩 {duration}',
  'wall.warning.due': '{time} 到期',

  'wall.legend.cluster': '多案聚合',
  'wall.legend.patrolFresh': '巡查员',
  'wall.legend.patrolStale': '无定位',
  'wall.legend.track': '轨迹',
  'wall.legend.patrolled': '已巡',
  'wall.legend.street': '街道界',
  'wall.legend.community': '社区界',
  'wall.legend.gridOpen': '网格有在办',
  'wall.legend.gridOverdue': '网格有超期',
  'wall.legend.filingDone': '日报已交齐',
  'wall.legend.filingDue': '日报未交齐',

  'wall.rank.departments': '部门综合评分',
  'wall.rank.streets': '街道按期结案率',
  'wall.rank.period': '本月',
  'wall.rank.loading': '正在加载排名…',
} as const;

export type WallKey = keyof typeof zhCN;

const en: Record<WallKey, string> = {
  'wall.period.today': 'today',
  'wall.period.now': 'now',
  'wall.kpi.reportsToday': 'Reported',
  'wall.kpi.open': 'Open',
  'wall.kpi.overdue': 'Overdue',
  'wall.kpi.warning': 'Warning',
  'wall.kpi.closureRate': 'Closure rate',
  'wall.kpi.onTimeRate': 'On-time rate',
  'wall.kpi.rateDetail': '{closed} / {due}',
  'wall.kpi.noneDue': 'nothing due yet',
  'wall.kpi.asOf': 'as of {time}',

  'wall.overdue.title': 'Overdue',
  'wall.warning.title': 'Warnings',
  'wall.queue.count': '{n}',
  'wall.queue.more': '{n} more',
  'wall.overdue.none': 'No overdue cases',
  'wall.warning.none': 'No warnings',
  'wall.warning.left': '{duration} left',
  'wall.warning.due': 'due {time}',

  'wall.legend.cluster': 'Several',
  'wall.legend.patrolFresh': 'On patrol',
  'wall.legend.patrolStale': 'No fix',
  'wall.legend.track': 'Track',
  'wall.legend.patrolled': 'Patrolled',
  'wall.legend.street': 'Street',
  'wall.legend.community': 'Community',
  'wall.legend.gridOpen': 'Grid: open',
  'wall.legend.gridOverdue': 'Grid: overdue',
  'wall.legend.filingDone': 'Reports in',
  'wall.legend.filingDue': 'Reports due',

  'wall.rank.departments': 'Department scores',
  'wall.rank.streets': 'Streets, on-time rate',
  'wall.rank.period': 'this month',
  'wall.rank.loading': 'Loading rankings…',
};

const DICTIONARIES: Record<Lang, Record<WallKey, string>> = { 'zh-CN': zhCN, en };

/** The message for `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function translateWall(lang: Lang, key: WallKey, params?: Record<string, string | number>): string {
  const template = DICTIONARIES[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** `tw(key)`: this dictionary in the provider's current language (and `t` for the main one). */
export function useWallI18n() {
  const i18n = useI18n();
  const { lang } = i18n;
  const tw = useCallback((key: WallKey, params?: Record<string, string | number>) => translateWall(lang, key, params), [lang]);
  return { ...i18n, tw };
}

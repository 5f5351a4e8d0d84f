import { useCallback } from 'react';
import { indicatorName, type NamedIndicator } from '@streetchief/shared/indicators/names';
import { presetName, type PeriodKind } from '@streetchief/shared/calendar/presets';
import type { Lang } from './dict.ts';
import { useI18n } from './I18nProvider.tsx';

/**
 * The text of the report screens' shared parts (the period picker, the grouping, the downloads,
 * the district figures of /public and /meeting), kept apart from the main dictionary. Same shape:
 * Simplified Chinese first, `{name}` placeholders; `useReportsI18n` reads the provider's language.
 * Period and indicator names come from the shared modules (calendar/presets, indicators/names), so
 * every screen says 本月 and 按期结案率 the same way.
 */
const zhCN = {
  'period.label': '统计期',
  'period.custom': '自定义',
  'period.from': '开始日期',
  'period.to': '结束日期',
  'period.apply': '查看',
  'period.cancel': '取消',
  'period.shown': '统计期：{label}',
  'period.range': '{from} 至 {to}',
  'period.named': '{label}，{range}',
  'period.missing': '请填写{field}',
  'period.not_a_day': '{field}不是日历上的日期',
  'period.out_of_years': '{field}须在 {min}—{max} 年之间',
  'period.reversed': '开始日期不能晚于结束日期',
  'period.too_long': '统计期最长 {days} 天',
  'period.upToNow': '当期数字统计到此刻',

  'by.label': '分组',
  'by.department': '部门',
  'by.street': '街道',
  'by.grid': '网格',
  'by.category': '案件小类',

  'district.line': '全区{closureName} {closure}，{onTimeName} {onTime}',
  'district.counts': '应结案 {due} 件，已结案 {closed} 件，按期结案 {onTime} 件',
  closedOnTime: '按期结案',

  'detail.title': '统计明细',
  'detail.caption': '按{by}统计，按{onTimeName}从高到低（{range}）',
  'detail.lead': '选择分组查看全部单位的数字；下载的表格就是这里显示的数字。',
  'download.csv': '下载 CSV',
  'download.xlsx': '下载 XLSX',
  'download.statsFile': '监督公示_{by}_{from}_{to}.csv',
  'download.publicNote': 'CSV 由本页显示的公开数字生成，可用 Excel 或 WPS 打开。',

  'meeting.export': '导出',
  'meeting.exportStats': '指标统计（按{by}）',
  'meeting.exportDecisionsMeeting': '本次会议议定事项',
  'meeting.exportDecisionsPeriod': '统计期内议定事项',
  'meeting.exportOverdue': '超期案件（议程）',
  'meeting.exportAgenda': '议程清单',
  'meeting.agendaFile': '联席例会议程_{date}.csv',
  'meeting.worstCaption': '{by}（按{indicator}）',
  'meeting.agendaCols': '序号,案卷号,小类,位置,主办部门,状态,上会原因,超期小时',
} as const;

export type ReportsKey = keyof typeof zhCN;

const en: Record<ReportsKey, string> = {
  'period.label': 'Period',
  'period.custom': 'Custom',
  'period.from': 'From',
  'period.to': 'To',
  'period.apply': 'Show',
  'period.cancel': 'Cancel',
  'period.shown': 'Period: {label}',
  'period.range': '{from} to {to}',
  'period.named': '{label}; {range}',
  'period.missing': 'Give the {field} date',
  'period.not_a_day': 'The {field} date is not a day of the calendar',
  'period.out_of_years': 'The {field} date must lie in {min}–{max}',
  'period.reversed': 'The start must not be after the end',
  'period.too_long': 'A period may be at most {days} days',
  'period.upToNow': 'figures of the current period count up to now',

  'by.label': 'Group by',
  'by.department': 'Department',
  'by.street': 'Street',
  'by.grid': 'Grid',
  'by.category': 'Case class',

  'district.line': 'District {closureName} {closure}, {onTimeName} {onTime}',
  'district.counts': '{due} due, {closed} closed, {onTime} closed on time',
  closedOnTime: 'Closed on time',

  'detail.title': 'Figures in detail',
  'detail.caption': 'By {by}, highest {onTimeName} first ({range})',
  'detail.lead': 'Pick a grouping to see every unit; the download holds exactly the figures shown here.',
  'download.csv': 'Download CSV',
  'download.xlsx': 'Download XLSX',
  'download.statsFile': 'public-figures_{by}_{from}_{to}.csv',
  'download.publicNote': 'The CSV is made from the published figures on this page; Excel and WPS open it.',

  'meeting.export': 'Export',
  'meeting.exportStats': 'Figures by {by}',
  'meeting.exportDecisionsMeeting': "This meeting's decisions",
  'meeting.exportDecisionsPeriod': 'Decisions in the period',
  'meeting.exportOverdue': 'Overdue cases (agenda)',
  'meeting.exportAgenda': 'Agenda list',
  'meeting.agendaFile': 'meeting-agenda_{date}.csv',
  'meeting.worstCaption': '{by} (by {indicator})',
  'meeting.agendaCols': 'No.,Case no.,Class,Place,Lead department,Status,Reasons,Hours overdue',
};

const DICTIONARIES: Record<Lang, Record<ReportsKey, string>> = { 'zh-CN': zhCN, en };

/** The message for `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function translateReports(lang: Lang, key: ReportsKey, params?: Record<string, string | number>): string {
  const template = DICTIONARIES[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** `tr(key)`: this dictionary; `indicator(key)` and `periodName(kind)`: the shared names; all in the provider's language. */
export function useReportsI18n() {
  const i18n = useI18n();
  const { lang } = i18n;
  const tr = useCallback((key: ReportsKey, params?: Record<string, string | number>) => translateReports(lang, key, params), [lang]);
  const indicator = useCallback((key: NamedIndicator) => indicatorName(key, lang), [lang]);
  const periodName = useCallback((kind: PeriodKind) => presetName(kind, lang), [lang]);
  return { ...i18n, tr, indicator, periodName };
}

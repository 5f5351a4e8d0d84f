import { useCallback } from 'react';
import type { Lang } from './dict.ts';
import { useI18n } from './I18nProvider.tsx';

/**
 * The field app's newer text (connection, account menu, check cards, the duplicate notice), kept
 * apart from the main dictionary like the administration's. Same shape: Simplified Chinese first,
 * `{name}` placeholders; `useFieldI18n` reads the language from the same provider.
 */
const zhCN = {
  'fieldx.net.connecting': '连接中…',
  'fieldx.net.waiting': '（{n} 条待发送）',

  'fieldx.menu.open': '菜单',
  'fieldx.menu.title': '账号',
  'fieldx.menu.language': '界面语言',
  'fieldx.menu.grids': '负责网格 {n} 个',
  'fieldx.signout.pending': '还有 {n} 条内容未发送',
  'fieldx.signout.pendingBody': '退出登录会删除本机上未发送的内容：它们只能以您的账号发送。请先在有信号处发送。',
  'fieldx.signout.patrol': '巡查尚未结束，退出后本机不再记录轨迹。',
  'fieldx.signout.discard': '删除并退出',
  'fieldx.signout.working': '正在退出…',
  'fieldx.signout.failed': '需要网络才能退出登录，请稍后再试',

  'fieldx.check.before': '整改前',
  'fieldx.check.after': '整改后',
  'fieldx.check.noBefore': '上报时无照片',
  'fieldx.check.noAfter': '反馈时无照片',
  'fieldx.check.feedback': '处置反馈 · {who} · {time}',
  'fieldx.check.feedbackLoading': '正在加载处置反馈…',
  'fieldx.check.feedbackMissing': '处置反馈未缓存到本机，有信号时显示',
  'fieldx.check.handledAt': '{dept} · {time} 反馈',
  'fieldx.check.rework': '第 {n} 次返工',
  'fieldx.check.open': '现场核查',
  'fieldx.check.passed': '已核查通过 · {no}',
  'fieldx.check.failed': '已核查不通过 · {no}（退回返工）',
  'fieldx.check.queued': '待发送，有信号时自动提交',
  'fieldx.check.sent': '已提交',
  'fieldx.check.refused': '服务器拒收：{reason}（案件已重新列出）',
  'fieldx.check.count': '待核查 {n} 件',
  'fieldx.photo.close': '关闭大图',

  'fieldx.report.needClass': '请选择问题类别',
  'fieldx.report.needPlace': '等待定位，或在地图上拖动图钉',
  'fieldx.report.needGrid': '位置不在辖区网格内',

  'fieldx.dup.title': '可能重复',
  'fieldx.dup.lead': '您的上报 {no} 已受理。附近 {m} 米内、近 {d} 天已有同类案件：',
  'fieldx.dup.distance': '相距 {m} 米',
  'fieldx.dup.mineSeconds': '您 {n} 秒前上报',
  'fieldx.dup.mineMinutes': '您 {n} 分钟前上报',
  'fieldx.dup.mineHours': '您 {n} 小时前上报',
  'fieldx.dup.other': '{time} 上报',
  'fieldx.dup.note': '调度员会核实并合并重复案件，无需再报。',
  'fieldx.dup.ok': '知道了',
};

export type FieldKey = keyof typeof zhCN;

const en: Record<FieldKey, string> = {
  'fieldx.net.connecting': 'Connecting…',
  'fieldx.net.waiting': ' ({n} waiting)',

  'fieldx.menu.open': 'Menu',
  'fieldx.menu.title': 'Account',
  'fieldx.menu.language': 'Language',
  'fieldx.menu.grids': '{n} grid(s)',
  'fieldx.signout.pending': '{n} item(s) not sent yet',
  'fieldx.signout.pendingBody':
    'Signing out deletes what has not been sent from this phone: it can only be sent under your account. Send it first where there is signal.',
  'fieldx.signout.patrol': 'Your patrol is still running; after signing out this phone stops recording the track.',
  'fieldx.signout.discard': 'Delete and sign out',
  'fieldx.signout.working': 'Signing out…',
  'fieldx.signout.failed': 'Signing out needs the network; try again later',

  'fieldx.check.before': 'Before',
  'fieldx.check.after': 'After',
  'fieldx.check.noBefore': 'No photo with the report',
  'fieldx.check.noAfter': 'No photo with the result',
  'fieldx.check.feedback': 'Result · {who} · {time}',
  'fieldx.check.feedbackLoading': 'Loading the department’s result…',
  'fieldx.check.feedbackMissing': 'The department’s result is not on this phone yet; it shows when there is signal',
  'fieldx.check.handledAt': '{dept} · result {time}',
  'fieldx.check.rework': 'rework #{n}',
  'fieldx.check.open': 'Check on site',
  'fieldx.check.passed': 'Check passed · {no}',
  'fieldx.check.failed': 'Check failed · {no} (back for rework)',
  'fieldx.check.queued': 'waiting to send; it goes when there is signal',
  'fieldx.check.sent': 'submitted',
  'fieldx.check.refused': 'Refused by the server: {reason} (the case is listed again)',
  'fieldx.check.count': '{n} case(s) to check',
  'fieldx.photo.close': 'Close photo',

  'fieldx.report.needClass': 'Choose the problem',
  'fieldx.report.needPlace': 'Waiting for a location, or drag the pin on the map',
  'fieldx.report.needGrid': 'The location is outside the district grids',

  'fieldx.dup.title': 'Possible duplicate',
  'fieldx.dup.lead': 'Your report {no} was accepted. Cases of the same class within {m} m in the last {d} days:',
  'fieldx.dup.distance': '{m} m away',
  'fieldx.dup.mineSeconds': 'you reported it {n} s earlier',
  'fieldx.dup.mineMinutes': 'you reported it {n} min earlier',
  'fieldx.dup.mineHours': 'you reported it {n} h earlier',
  'fieldx.dup.other': 'reported {time}',
  'fieldx.dup.note': 'The dispatcher checks and merges duplicates; no need to report again.',
  'fieldx.dup.ok': 'OK',
};

const DICTIONARIES: Record<Lang, Record<FieldKey, string>> = { 'zh-CN': zhCN, en };

/** The message for `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function translateField(lang: Lang, key: FieldKey, params?: Record<string, string | number>): string {
  const template = DICTIONARIES[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** `tf(key)`: this dictionary in the provider's current language (and `t` for the main one). */
export function useFieldI18n() {
  const i18n = useI18n();
  const { lang } = i18n;
  const tf = useCallback((key: FieldKey, params?: Record<string, string | number>) => translateField(lang, key, params), [lang]);
  return { ...i18n, tf };
}

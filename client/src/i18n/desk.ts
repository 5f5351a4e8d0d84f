import { useCallback } from 'react';
import { translate, type Lang, type MessageKey } from './dict.ts';
import { useI18n } from './I18nProvider.tsx';

/**
 * The desks' own text (/dispatch, /dept): lateness, 预警, 协办, possible duplicates, exports. Same
 * shape as the main dictionary: Simplified Chinese first, `{name}` placeholders; `useDeskI18n`
 * reads the language from the same provider.
 */
const zhCN = {
  'deskq.warning': '预警',

  'late.late': '已超期',
  'late.wasLate': '曾超期（原期限 {time}）',
  'late.label': '超期',
  'late.lateAt': '已超期（期限 {time}）',
  'late.hint': '超期是案件的事实：重新定期限后仍计为超期',
  'late.noExtension': '延期须在期限前申请；已超期案件只能由联席会议重新定期限',
  'late.noApproval': '延期须在期限前批准；已超期案件只能由联席会议重新定期限',

  'assist.title': '协办进度',
  'assist.done': '已完成 {time}',
  'assist.working': '协办中',
  'assist.noNotes': '暂无协办记录',
  'assist.ours': '本单位',
  'assist.rowDone': '本单位已完成',
  'assist.rowWorking': '本单位协办中',
  'assist.noteLabel': '协办情况',
  'assist.doneNote': '完成说明',
  'assist.noteSent': '已添加协办记录',
  'assist.doneSent': '本单位协办已完成',
  'assist.finished': '完成',

  'dup.badge': '疑似重复',
  'dup.title': '疑似重复（{n}）',
  'dup.hint': '同类问题，附近，近期上报。若为同一问题，可将本案作为重复作废。',
  'dup.distance': '相距 {m} 米',
  'dup.reported': '{time} 上报',
  'dup.sameReporter': '同一上报人',
  'dup.noNumber': '无案卷号',
  'dup.void': '作为 {no} 的重复作废',
  'dup.voidReason': '重复：与案件 {no} 为同一问题',

  'export.label': '导出本队列',
  'export.csv': '导出 CSV',
  'export.xlsx': '导出 XLSX',
  'export.none': '本队列不能按条件导出',
};
export type DeskKey = keyof typeof zhCN;

const en: Record<DeskKey, string> = {
  'deskq.warning': 'Warning',

  'late.late': 'Went overdue',
  'late.wasLate': 'Was overdue (deadline was {time})',
  'late.label': 'Overdue',
  'late.lateAt': 'Went overdue (deadline {time})',
  'late.hint': 'Lateness is a fact of the case: it still counts as overdue after a new deadline',
  'late.noExtension': 'An extension must be asked for before the deadline; once overdue, only the joint meeting can set a new deadline',
  'late.noApproval': 'An extension must be approved before the deadline; once overdue, only the joint meeting can set a new deadline',

  'assist.title': 'Assisting departments',
  'assist.done': 'Done {time}',
  'assist.working': 'Working',
  'assist.noNotes': 'No notes yet',
  'assist.ours': 'Us',
  'assist.rowDone': 'our part done',
  'assist.rowWorking': 'our part open',
  'assist.noteLabel': 'What we did',
  'assist.doneNote': 'Closing note',
  'assist.noteSent': 'Assist note added',
  'assist.doneSent': 'Our part is marked done',
  'assist.finished': 'Done',

  'dup.badge': 'Possible duplicate',
  'dup.title': 'Possible duplicates ({n})',
  'dup.hint': 'Same class, nearby, reported recently. If it is the same problem, void this case as a duplicate.',
  'dup.distance': '{m} m away',
  'dup.reported': 'reported {time}',
  'dup.sameReporter': 'same reporter',
  'dup.noNumber': 'no case number',
  'dup.void': 'Void as duplicate of {no}',
  'dup.voidReason': 'Duplicate of case {no}',

  'export.label': 'Export this queue',
  'export.csv': 'Export CSV',
  'export.xlsx': 'Export XLSX',
  'export.none': 'This queue cannot be exported by filter',
};

const DICTIONARIES: Record<Lang, Record<DeskKey, string>> = { 'zh-CN': zhCN, en };

/** Is `key` one of the desks' own keys (else the main dictionary's)? */
export function isDeskKey(key: string): key is DeskKey {
  return Object.hasOwn(zhCN, key);
}

/** The message for `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function translateDesk(lang: Lang, key: DeskKey, params?: Record<string, string | number>): string {
  const template = DICTIONARIES[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * `td(key)`: this dictionary in the provider's current language (and `t` for the main one);
 * `tl(key)` for a label that may come from either (a queue's name).
 */
export function useDeskI18n() {
  const i18n = useI18n();
  const { lang } = i18n;
  const td = useCallback((key: DeskKey, params?: Record<string, string | number>) => translateDesk(lang, key, params), [lang]);
  const tl = useCallback(
    (key: MessageKey | DeskKey, params?: Record<string, string | number>) =>
      isDeskKey(key) ? translateDesk(lang, key, params) : translate(lang, key, params),
    [lang],
  );
  return { ...i18n, td, tl };
}

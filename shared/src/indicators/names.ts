import type { StatsRates } from './stats.ts';

/**
 * The names of the published indicators, one place for every screen (the wall, /public, /meeting,
 * the exports): the same figure carries the same name wherever it is shown. Formulas: formulas.ts.
 */
export const INDICATOR_NAMES = {
  closureRate: { 'zh-CN': '结案率', en: 'Closure rate' },
  onTimeClosureRate: { 'zh-CN': '按期结案率', en: 'On-time closure rate' },
  onTimeHandlingRate: { 'zh-CN': '按期处置率', en: 'On-time handling rate' },
  reworkRate: { 'zh-CN': '返工率', en: 'Rework rate' },
  returnRate: { 'zh-CN': '回退率', en: 'Return rate' },
  extensionRate: { 'zh-CN': '延期率', en: 'Extension rate' },
  score: { 'zh-CN': '综合评分', en: 'Score' },
} as const satisfies Partial<Record<keyof StatsRates, { 'zh-CN': string; en: string }>>;

export type NamedIndicator = keyof typeof INDICATOR_NAMES;

/** An indicator's name in the reader's language. */
export function indicatorName(key: NamedIndicator, lang: 'zh-CN' | 'en'): string {
  return INDICATOR_NAMES[key][lang];
}

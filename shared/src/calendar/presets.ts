import { addDays, dayOf } from './day.ts';
import { MAX_PERIOD_DAYS, dayProblem, daySpan, type Day } from './period.ts';
import { isValidYmd } from './schema.ts';

/**
 * The named periods every screen offers (the wall, /public, /meeting): one list, one default, one
 * label, so two screens showing figures "for this month" show the same days and say so. Days are
 * calendar days in the district's time zone (see day.ts), both ends included. A period "to date"
 * ends today: the figures count up to now.
 */
export const PERIOD_PRESETS = ['this_month', 'last_month', 'this_quarter', 'last_30_days', 'this_year'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
/** A preset, or `custom` for a from–to the user typed. */
export type PeriodKind = PeriodPreset | 'custom';

/** The period every screen opens on: 本月, month to date. */
export const DEFAULT_PERIOD_PRESET: PeriodPreset = 'this_month';

export interface DayPeriod {
  from: Day;
  to: Day;
}

/** A period with its kind and its name in both languages, e.g. 本月 12月1日–12月3日. */
export interface NamedPeriod extends DayPeriod {
  kind: PeriodKind;
  label: { 'zh-CN': string; en: string };
}

export type PeriodLang = keyof NamedPeriod['label'];

export function isPeriodPreset(s: unknown): s is PeriodPreset {
  return typeof s === 'string' && (PERIOD_PRESETS as readonly string[]).includes(s);
}

export function isPeriodKind(s: unknown): s is PeriodKind {
  return s === 'custom' || isPeriodPreset(s);
}

const PRESET_NAMES: Record<PeriodKind, { 'zh-CN': string; en: string }> = {
  this_month: { 'zh-CN': '本月', en: 'This month' },
  last_month: { 'zh-CN': '上月', en: 'Last month' },
  this_quarter: { 'zh-CN': '本季度', en: 'This quarter' },
  last_30_days: { 'zh-CN': '近30天', en: 'Last 30 days' },
  this_year: { 'zh-CN': '本年', en: 'This year' },
  custom: { 'zh-CN': '自定义', en: 'Custom' },
};

/** The name of a kind alone (本月, Last 30 days), e.g. for a picker's options. */
export function presetName(kind: PeriodKind, lang: PeriodLang): string {
  return PRESET_NAMES[kind][lang];
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number): Day => `${y}-${pad(m)}-${pad(d)}`;
const parts = (day: Day) => day.split('-').map(Number) as [number, number, number];
/** Last day (28–31) of month `m` (1–12) of year `y`. */
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Today in the district (Asia/Shanghai), whatever the machine's zone. */
export function districtDay(now: Date): Day {
  return dayOf(now);
}

/** The days of a preset at `now`: to-date presets end today, 上月 is the whole previous month. */
export function presetPeriod(preset: PeriodPreset, now: Date): DayPeriod {
  const today = districtDay(now);
  const [y, m] = parts(today);
  switch (preset) {
    case 'this_month':
      return { from: ymd(y, m, 1), to: today };
    case 'last_month': {
      const py = m === 1 ? y - 1 : y;
      const pm = m === 1 ? 12 : m - 1;
      return { from: ymd(py, pm, 1), to: ymd(py, pm, daysIn(py, pm)) };
    }
    case 'this_quarter':
      return { from: ymd(y, Math.floor((m - 1) / 3) * 3 + 1, 1), to: today };
    case 'last_30_days':
      return { from: addDays(today, -29), to: today };
    case 'this_year':
      return { from: ymd(y, 1, 1), to: today };
  }
}

/** The last `days` calendar days up to and including today (a rolling window). */
export function lastDaysPeriod(now: Date, days: number): DayPeriod {
  const today = districtDay(now);
  return { from: addDays(today, -(days - 1)), to: today };
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The days of a period as people write them: 12月1日–12月3日, 1 Dec – 3 Dec. The year is written
 * only when it is not this year's or the two ends differ in year (上月 in January: 2026年12月1日–12月31日).
 */
export function periodDays(p: DayPeriod, lang: PeriodLang, now: Date): string {
  const [fy, fm, fd] = parts(p.from);
  const [ty, tm, td] = parts(p.to);
  const [cy] = parts(districtDay(now));
  const crossesYear = fy !== ty;
  const showYear = crossesYear || fy !== cy;
  const single = p.from === p.to;
  if (lang === 'zh-CN') {
    // Chinese writes the year first: on the first day, and again on the second only when it changes.
    const from = `${showYear ? `${fy}年` : ''}${fm}月${fd}日`;
    return single ? from : `${from}–${crossesYear ? `${ty}年` : ''}${tm}月${td}日`;
  }
  // English writes it last: on the last day, and on the first only when it differs.
  const to = `${td} ${EN_MONTHS[tm - 1]}${showYear ? ` ${ty}` : ''}`;
  return single ? to : `${fd} ${EN_MONTHS[fm - 1]}${crossesYear ? ` ${fy}` : ''} – ${to}`;
}

/** A period's full name: 本月 12月1日–12月3日 / This month, 1 Dec – 3 Dec. */
export function periodLabel(kind: PeriodKind, p: DayPeriod, lang: PeriodLang, now: Date): string {
  return lang === 'zh-CN'
    ? `${presetName(kind, lang)} ${periodDays(p, lang, now)}`
    : `${presetName(kind, lang)}, ${periodDays(p, lang, now)}`;
}

/** A preset at `now` with its name in both languages. */
export function namedPreset(preset: PeriodPreset, now: Date): NamedPeriod {
  return named(preset, presetPeriod(preset, now), now);
}

/** A custom period with its name (check it with {@link customPeriodProblem} first). */
export function namedCustom(p: DayPeriod, now: Date): NamedPeriod {
  return named('custom', p, now);
}

function named(kind: PeriodKind, p: DayPeriod, now: Date): NamedPeriod {
  return { kind, ...p, label: { 'zh-CN': periodLabel(kind, p, 'zh-CN', now), en: periodLabel(kind, p, 'en', now) } };
}

/** Why a typed period is refused: an end missing or not a day, outside the accepted years, the ends reversed, too long. */
export type PeriodProblemCode = 'missing' | 'not_a_day' | 'out_of_years' | 'reversed' | 'too_long';

export interface PeriodProblem {
  field: 'from' | 'to';
  code: PeriodProblemCode;
  /** In English, the server's words (calendar/period.ts). */
  reason: string;
}

function endProblem(field: 'from' | 'to', day: string): PeriodProblem | null {
  if (day === '') return { field, code: 'missing', reason: 'a day as YYYY-MM-DD' };
  const reason = dayProblem(day);
  if (!reason) return null;
  return { field, code: /^\d{4}-\d{2}-\d{2}$/.test(day) && isValidYmd(day) ? 'out_of_years' : 'not_a_day', reason };
}

/** What is wrong with a typed from–to, naming the field, or null: the server's rules (calendar/period.ts). */
export function customPeriodProblem(from: string, to: string): PeriodProblem | null {
  const problem = endProblem('from', from) ?? endProblem('to', to);
  if (problem) return problem;
  if (from > to) return { field: 'to', code: 'reversed', reason: 'from must not be after to' };
  if (daySpan(from, to) > MAX_PERIOD_DAYS) return { field: 'to', code: 'too_long', reason: `a period of at most ${MAX_PERIOD_DAYS} days` };
  return null;
}

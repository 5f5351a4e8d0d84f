import { translate, type Lang } from './dict.ts';

/** The command centre's clock: Shanghai time whatever the screen's OS is set to. */
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';

// Intl formatters are costly to build and cheap to reuse; a wall formats thousands of times a day.
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: DISPLAY_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const dateFormats: Record<Lang, Intl.DateTimeFormat> = {
  'zh-CN': new Intl.DateTimeFormat('zh-CN', {
    timeZone: DISPLAY_TIME_ZONE,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
  }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: DISPLAY_TIME_ZONE, year: 'numeric', month: 'short', day: 'numeric', weekday: 'short' }),
};

const dateTimeFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: DISPLAY_TIME_ZONE,
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** MM-DD HH:MM in Shanghai time (timelines, deadlines). */
export function formatDateTime(t: number | string | Date): string {
  const d = t instanceof Date ? t : new Date(t);
  if (Number.isNaN(d.getTime())) return '--';
  const p = Object.fromEntries(dateTimeFormat.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

const dayTimeOptions = {
  timeZone: DISPLAY_TIME_ZONE,
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
} as const;
const dayTimeFormats: Record<Lang, Intl.DateTimeFormat> = {
  'zh-CN': new Intl.DateTimeFormat('zh-CN', { ...dayTimeOptions, month: 'long' }),
  en: new Intl.DateTimeFormat('en-GB', { ...dayTimeOptions, month: 'short' }),
};

/** A day and time as people say it, in Shanghai time: 12月1日 17:00, 1 Dec 17:00 (a missed deadline). */
export function formatDayTime(t: number | string | Date, lang: Lang): string {
  return dayTimeFormats[lang].format(t instanceof Date ? t : new Date(t)).replace(/\s+/g, ' ');
}

/** HH:MM:SS in Shanghai time. */
export function formatTime(t: number | string | Date): string {
  const d = t instanceof Date ? t : new Date(t);
  return Number.isNaN(d.getTime()) ? '--:--:--' : timeFormat.format(d);
}

/** The date line under the clock, e.g. 2026年11月29日周日. */
export function formatDate(t: number | Date, lang: Lang): string {
  return dateFormats[lang].format(t);
}

/** A duration for "overdue by": days+hours over a day, hours+minutes over an hour, else minutes. */
export function formatDuration(ms: number, lang: Lang): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return translate(lang, 'dur.days', { d, h });
  if (h > 0) return translate(lang, 'dur.hours', { h, m });
  return translate(lang, 'dur.minutes', { m });
}

/** A share as a percentage with one decimal, e.g. 87.5%. */
export function formatPercent(x: number): string {
  return `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
}

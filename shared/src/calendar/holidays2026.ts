import { WorkCalendarSchema, type CalendarDay, type WorkCalendar } from './schema.ts';

/** `count` consecutive days from `first` (YYYY-MM-DD), all with the same name. */
function span(name: string, first: string, count: number): CalendarDay[] {
  const [y, m, d] = first.split('-').map(Number) as [number, number, number];
  return Array.from({ length: count }, (_, i) => ({
    date: new Date(Date.UTC(y, m - 1, d + i)).toISOString().slice(0, 10),
    name,
  }));
}

/** 2026 public holidays (days off), State Council notice of 2025-11-04. */
export const HOLIDAYS_2026: readonly CalendarDay[] = [
  ...span('元旦', '2026-01-01', 3),
  ...span('春节', '2026-02-15', 9),
  ...span('清明节', '2026-04-04', 3),
  ...span('劳动节', '2026-05-01', 5),
  ...span('端午节', '2026-06-19', 3),
  ...span('中秋节', '2026-09-25', 3),
  ...span('国庆节', '2026-10-01', 7),
];

/** 2026 make-up working days (调休上班), named after the holiday they pay for. */
export const MAKE_UP_WORKDAYS_2026: readonly CalendarDay[] = [
  { date: '2026-01-04', name: '元旦' },
  { date: '2026-02-14', name: '春节' },
  { date: '2026-02-28', name: '春节' },
  { date: '2026-05-09', name: '劳动节' },
  { date: '2026-09-20', name: '国庆节' },
  { date: '2026-10-10', name: '国庆节' },
];

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * The shipped default: Asia/Shanghai, 08:00–12:00 and 14:30–17:30, Saturday and Sunday off,
 * the 2026 schedule, and 2026 as the only complete year. Frozen because it is shared by every
 * caller; derive an edited copy with `WorkCalendarSchema.parse({ ...DEFAULT_CALENDAR, ... })`.
 */
export const DEFAULT_CALENDAR: WorkCalendar = deepFreeze(
  // Parsed, not just typed, so a typo in the data above fails at import rather than silently.
  WorkCalendarSchema.parse({
    holidays: HOLIDAYS_2026.map((h) => ({ ...h })),
    makeUpWorkdays: MAKE_UP_WORKDAYS_2026.map((d) => ({ ...d })),
    knownYears: [2026],
  }),
);

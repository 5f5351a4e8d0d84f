import { isValidYmd, WorkCalendarSchema, type CalendarDay, type WorkCalendar } from '../calendar/schema.ts';
import { cellOf, isBlankRow, normalizeName, resolveColumns, rowLabel, type ColumnSpec, type Sheet } from './columns.ts';
import { problem, type Checked, type Problem } from './problem.ts';

/** Accepted headers of a holiday list (节假日安排). */
export const CALENDAR_COLUMNS = [
  { key: 'date', headers: ['日期', 'date'], required: true },
  { key: 'name', headers: ['名称', '节日', '节假日', '节日名称', 'name', 'holiday'], required: true },
  { key: 'type', headers: ['类型', '性质', 'type', 'kind'], required: true },
] as const satisfies readonly ColumnSpec[];

type DayType = 'holiday' | 'makeUp';

/** 放假 is a day off; 调休上班 a weekend day worked to pay for a bridged holiday. */
const TYPES: Record<string, DayType> = {
  放假: 'holiday',
  休假: 'holiday',
  休息: 'holiday',
  假日: 'holiday',
  节假日: 'holiday',
  holiday: 'holiday',
  off: 'holiday',
  调休上班: 'makeUp',
  上班: 'makeUp',
  补班: 'makeUp',
  workday: 'makeUp',
  'make-upworkday': 'makeUp',
  makeup: 'makeUp',
  'make-up': 'makeUp',
};

/**
 * A date as spreadsheets write it: `2026-10-01`, `2026/10/1`, `2026.10.1`, `2026年10月1日` or
 * `20261001`; returned as `YYYY-MM-DD`, or null when it is not a real day.
 */
export function parseDate(value: string): string | null {
  const v = normalizeName(value);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (!m) return null;
  const ymd = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isValidYmd(ymd) ? ymd : null;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a `YYYY-MM-DD` date. */
const isoWeekday = (ymd: string): number => ((new Date(`${ymd}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** What a valid holiday file adds: the calendar with those years replaced, and per-year counts. */
export interface CalendarImport {
  calendar: WorkCalendar;
  years: { year: number; holidays: number; makeUpWorkdays: number }[];
}

/**
 * Check one or more years of holidays and make-up working days and merge them into `current`: for
 * every year the file mentions, that year's holidays and make-up days are replaced by the file's and
 * the year is marked complete (`knownYears`); other years and the working hours stay as they are.
 * A make-up working day must fall on a weekend (otherwise it changes nothing: the date is likely
 * wrong), and a date may appear once.
 */
export function checkCalendar(sheet: Sheet, current: WorkCalendar): Checked<CalendarImport> {
  const { columns, problems } = resolveColumns(sheet.headers, CALENDAR_COLUMNS);
  if (problems.length) return { ok: false, problems };
  const out: Problem[] = [];
  const holidays: CalendarDay[] = [];
  const makeUp: CalendarDay[] = [];
  const rowOfDate = new Map<string, number>();
  const weekend = new Set(current.weekend);
  for (const row of sheet.rows) {
    if (isBlankRow(row)) continue;
    const where = rowLabel(row);
    const raw = cellOf(row, columns, 'date');
    const date = parseDate(raw);
    const name = cellOf(row, columns, 'name');
    const type = TYPES[normalizeName(cellOf(row, columns, 'type'))];
    const before = out.length;
    if (!date)
      out.push(problem('date_invalid', where, `日期“${raw}”无效`, 'date must be a real day, e.g. 2026-10-01', { field: columns.date }));
    else if (rowOfDate.has(date))
      out.push(
        problem(
          'date_duplicate',
          where,
          `日期 ${date} 与第${rowOfDate.get(date)}行重复`,
          `date ${date} repeats row ${rowOfDate.get(date)}`,
          { field: columns.date },
        ),
      );
    else rowOfDate.set(date, row.row);
    if (!name) out.push(problem('name_missing', where, '缺少名称', 'missing name, e.g. 国庆节', { field: columns.name }));
    if (!type)
      out.push(
        problem('type_invalid', where, '类型应为“放假”或“调休上班”', 'type must be 放假 (day off) or 调休上班 (make-up working day)', {
          field: columns.type,
        }),
      );
    else if (type === 'makeUp' && date && !weekend.has(isoWeekday(date)))
      out.push(
        problem('makeup_weekday', where, `调休上班日 ${date} 不是周末`, `make-up working day ${date} is not a weekend day`, {
          field: columns.date,
        }),
      );
    if (out.length > before || !date || !type) continue;
    (type === 'holiday' ? holidays : makeUp).push({ date, name });
  }
  if (out.length) return { ok: false, problems: out };
  if (holidays.length + makeUp.length === 0)
    return { ok: false, problems: [problem('rows_empty', 'file', '文件中没有日期', 'the file lists no days')] };

  const yearOf = (d: CalendarDay) => Number(d.date.slice(0, 4));
  const years = [...new Set([...holidays, ...makeUp].map(yearOf))].sort((a, b) => a - b);
  const replaced = (d: CalendarDay) => years.includes(yearOf(d));
  const byDate = (a: CalendarDay, b: CalendarDay) => a.date.localeCompare(b.date);
  const parsed = WorkCalendarSchema.safeParse({
    ...current,
    holidays: [...current.holidays.filter((d) => !replaced(d)), ...holidays].sort(byDate),
    makeUpWorkdays: [...current.makeUpWorkdays.filter((d) => !replaced(d)), ...makeUp].sort(byDate),
    knownYears: [...new Set([...current.knownYears, ...years])].sort((a, b) => a - b),
  });
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => problem('calendar_invalid', 'file', '日历无效', `${i.path.join('.')}: ${i.message}`)),
    };
  return {
    ok: true,
    calendar: parsed.data,
    years: years.map((year) => ({
      year,
      holidays: holidays.filter((d) => yearOf(d) === year).length,
      makeUpWorkdays: makeUp.filter((d) => yearOf(d) === year).length,
    })),
  };
}

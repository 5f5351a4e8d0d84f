/** Working-time calendar: deadlines and durations counted in working time (工作时间). */
export {
  WorkCalendarSchema,
  WorkPeriodSchema,
  CalendarDaySchema,
  hhmmToMinutes,
  isValidYmd,
  type WorkCalendar,
  type WorkCalendarInput,
  type WorkPeriod,
  type CalendarDay,
} from './schema.ts';
export { DEFAULT_CALENDAR, HOLIDAYS_2026, MAKE_UP_WORKDAYS_2026 } from './holidays2026.ts';
export { addWorkingTime, isWorkingDay, nextWorkingInstant, workingDayMs, workingMsBetween, type WorkingDeadline } from './workingTime.ts';

// Calendar dates as forms and the API carry them ("2026-12-01"): read strictly, so a date that does
// not exist (30 February, month 13) is refused rather than rolled over into the next month.

/** YYYY-MM-DD with a 4-digit year, 2-digit month and day. */
const CALENDAR_DATE_FORMAT = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface TCalendarDate {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The date a YYYY-MM-DD text names, or null when it is not one (wrong shape, no such day, year 0000). */
export function parseCalendarDate(text: string): TCalendarDate | null {
  const m = CALENDAR_DATE_FORMAT.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function formatCalendarDate({ year, month, day }: TCalendarDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The date `days` after (or before, if negative) a valid YYYY-MM-DD. */
export function addCalendarDays(date: string, days: number): string {
  const d = parseCalendarDate(date);
  if (!d) throw new RangeError(`${JSON.stringify(date)} is not a calendar date`);
  const t = new Date(0);
  t.setUTCFullYear(d.year, d.month - 1, d.day + days);
  return formatCalendarDate({ year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() });
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-12-01" → "1 Dec 2026", as the dashboard shows a date. */
export function formatDayMonthYear(date: string): string {
  const d = parseCalendarDate(date);
  if (!d) return date;
  return `${d.day} ${MONTHS[d.month - 1]} ${d.year}`;
}

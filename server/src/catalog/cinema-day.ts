import { TZDate } from '@date-fns/tz';

/** The UTC instants where a calendar day starts and ends in a time zone (DST-safe). */
export function dayBounds(date: string, timeZone: string): { start: Date; end: Date } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const start = new TZDate(y, m - 1, d, timeZone);
  const end = new TZDate(y, m - 1, d + 1, timeZone);
  return { start: new Date(start.getTime()), end: new Date(end.getTime()) };
}

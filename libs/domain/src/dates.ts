/** Calendar dates travel as 'YYYY-MM-DD' strings: posts and events are dated, not timed. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  if (y < 1) return false; // there is no year 0 (PostgreSQL refuses it too)
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  date.setUTCFullYear(y, m - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Every date the services take lies in this range: a history reaches back to the founding years of
 * the organisations on record, nothing is planned beyond the last responsibility year (2999).
 */
export const DATE_RANGE = { earliest: '1900-01-01', latest: '2999-12-31' } as const;

/** A deadline lies between the first responsibility year and this many years from today. */
export const DEADLINE_WINDOW = { earliest: '2000-01-01', yearsAhead: 10 } as const;

/**
 * The furthest-ahead time zone (UTC+14). "Not in the future" is judged against today there, so no
 * caller anywhere is refused a date that is already today where they are.
 */
const LATEST_UTC_OFFSET_MS = 14 * 60 * 60 * 1000;

/** Today ('YYYY-MM-DD') in the furthest-ahead time zone, at `now`. */
export function latestToday(now: number = Date.now()): string {
  return new Date(now + LATEST_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** The same day `years` later (29 February becomes 28 February in a common year). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * What kind of day a field holds, and so which bounds apply beyond DATE_RANGE:
 * `any` (a day to look at: a team on a date, a report's range), `past` (something that happened: not
 * after today), `deadline` (within DEADLINE_WINDOW).
 */
export type DateKind = 'any' | 'past' | 'deadline';

export interface DateProblem {
  /** `isoDate` (not a calendar date), `dateRange`, `notFuture` or `deadlineWindow`. */
  rule: 'isoDate' | 'dateRange' | 'notFuture' | 'deadlineWindow';
  message: string;
}

/** The one rule for dates taken from callers: a real calendar day within the bounds of its kind. */
export function dateProblem(
  field: string,
  value: unknown,
  kind: DateKind = 'any',
  now: number = Date.now(),
): DateProblem | undefined {
  if (typeof value !== 'string' || !isIsoDate(value))
    return { rule: 'isoDate', message: `${field} must be a calendar date written YYYY-MM-DD` };
  if (value < DATE_RANGE.earliest || value > DATE_RANGE.latest)
    return {
      rule: 'dateRange',
      message: `${field} must lie between ${DATE_RANGE.earliest} and ${DATE_RANGE.latest}`,
    };
  const today = latestToday(now);
  if (kind === 'past' && value > today)
    return { rule: 'notFuture', message: `${field} is a day that has happened: not after ${today}` };
  if (kind === 'deadline') {
    const latest = addYears(today, DEADLINE_WINDOW.yearsAhead);
    if (value < DEADLINE_WINDOW.earliest || value > latest)
      return {
        rule: 'deadlineWindow',
        message: `${field} must be a deadline between ${DEADLINE_WINDOW.earliest} and ${latest}`,
      };
  }
  return undefined;
}

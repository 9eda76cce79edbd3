/**
 * A deployment's working-day calendar: which days are working days. Pure data (it travels in
 * workflow inputs), valid for any year: weekends are off, listed holidays are off, and adjusted
 * working days (调休, a Saturday or Sunday worked to bridge a holiday) are on.
 */
export interface WorkingDayCalendar {
  /** Offset of the deployment's local time from UTC, in minutes (China: 480). */
  utcOffsetMinutes: number;
  /** Days of the week that are off, 0 = Sunday … 6 = Saturday. */
  weekend: number[];
  /** Public holidays (放假), 'YYYY-MM-DD' local dates. */
  holidays: string[];
  /** Adjusted working days (调休上班), 'YYYY-MM-DD': weekend days that are worked. */
  workdays: string[];
  /** Years whose holidays are listed: deadlines beyond them are counted by weekends only. */
  coveredYears: number[];
}

/** What a deployment may change; lists are added to (or replace, with `replace: true`) the defaults. */
export interface WorkingDayOverrides {
  utcOffsetMinutes?: number;
  weekend?: number[];
  holidays?: string[];
  workdays?: string[];
  /** Dates that are no longer holidays or adjusted working days (e.g. a corrected announcement). */
  remove?: string[];
  coveredYears?: number[];
  /** Replace the default lists instead of adding to them. */
  replace?: boolean;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date, or undefined if it is not a real date. */
export function dayNumberOf(date: string): number | undefined {
  const match = ISO_DATE.exec(date);
  if (!match) return undefined;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  const utc = Date.UTC(y, m - 1, d);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d)
    return undefined;
  return utc / 86_400_000;
}

export function dateOfDayNumber(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

function dateProblems(where: string, value: unknown): string[] {
  if (!Array.isArray(value)) return [`${where} must be a list of 'YYYY-MM-DD' dates`];
  return value.flatMap((date, i) =>
    typeof date === 'string' && dayNumberOf(date) !== undefined
      ? []
      : [`${where}[${i}] must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(date)}`],
  );
}

/** Every problem with a calendar, in words an administrator can act on; empty when it is valid. */
export function workingDayCalendarProblems(config: unknown): string[] {
  if (typeof config !== 'object' || config === null) return ['working-day calendar must be an object'];
  const c = config as Partial<Record<keyof WorkingDayCalendar, unknown>>;
  const problems: string[] = [];
  const offset = c.utcOffsetMinutes;
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < -720 || offset > 840)
    problems.push(`utcOffsetMinutes must be an integer from -720 to 840, got ${JSON.stringify(offset)}`);
  const weekend = c.weekend;
  if (
    !Array.isArray(weekend) ||
    weekend.some((d) => typeof d !== 'number' || !Number.isInteger(d) || d < 0 || d > 6) ||
    new Set(weekend).size !== weekend.length ||
    weekend.length > 6
  ) {
    problems.push(
      'weekend must be a list of distinct days of the week, 0 (Sunday) to 6 (Saturday), not all 7',
    );
  }
  problems.push(...dateProblems('holidays', c.holidays), ...dateProblems('workdays', c.workdays));
  if (Array.isArray(c.holidays) && Array.isArray(c.workdays)) {
    const holidays = new Set(c.holidays as unknown[]);
    for (const day of c.workdays as unknown[]) {
      if (holidays.has(day))
        problems.push(`${String(day)} is listed both as a holiday and as an adjusted working day`);
    }
  }
  if (
    !Array.isArray(c.coveredYears) ||
    c.coveredYears.some((y) => typeof y !== 'number' || !Number.isInteger(y) || y < 2000 || y > 2999)
  ) {
    problems.push('coveredYears must be a list of years from 2000 to 2999');
  }
  return problems;
}

export class WorkingDayCalendarError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid working-day calendar: ${problems.join('; ')}`);
    this.name = 'WorkingDayCalendarError';
  }
}

export function assertValidWorkingDayCalendar(config: unknown): WorkingDayCalendar {
  const problems = workingDayCalendarProblems(config);
  if (problems.length > 0) throw new WorkingDayCalendarError(problems);
  return config as WorkingDayCalendar;
}

const unique = (values: string[]): string[] => [...new Set(values)].sort();

/** A base calendar with a deployment's overrides applied (not yet validated). */
export function applyWorkingDayOverrides(
  base: WorkingDayCalendar,
  overrides: WorkingDayOverrides = {},
): WorkingDayCalendar {
  const removed = new Set(overrides.remove ?? []);
  const keep = (dates: string[]): string[] => dates.filter((d) => !removed.has(d));
  const holidays = overrides.replace
    ? (overrides.holidays ?? [])
    : [...keep(base.holidays), ...(overrides.holidays ?? [])];
  const workdays = overrides.replace
    ? (overrides.workdays ?? [])
    : [...keep(base.workdays), ...(overrides.workdays ?? [])];
  // A date added as one kind leaves the other list: the deployment's word is the last one.
  const addedHolidays = new Set(overrides.holidays ?? []);
  const addedWorkdays = new Set(overrides.workdays ?? []);
  return {
    utcOffsetMinutes: overrides.utcOffsetMinutes ?? base.utcOffsetMinutes,
    weekend: overrides.weekend ?? base.weekend,
    holidays: unique(holidays.filter((d) => !addedWorkdays.has(d) || addedHolidays.has(d))),
    workdays: unique(workdays.filter((d) => !addedHolidays.has(d) || addedWorkdays.has(d))),
    coveredYears: [
      ...new Set([...(overrides.replace ? [] : base.coveredYears), ...(overrides.coveredYears ?? [])]),
    ].sort((a, b) => a - b),
  };
}

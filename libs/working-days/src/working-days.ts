import { assertValidWorkingDayCalendar, dateOfDayNumber, dayNumberOf } from './working-day-calendar';
import type { WorkingDayCalendar } from './working-day-calendar';

export const DAY_MS = 86_400_000;
/** The longest deadline counted, in working days (more than a working year). */
export const MAX_WORKING_DAYS = 300;

/** Local calendar date ('YYYY-MM-DD') of an instant in the deployment's time zone. */
export function localDateOf(calendar: Pick<WorkingDayCalendar, 'utcOffsetMinutes'>, instant: number): string {
  return dateOfDayNumber(localDayNumber(calendar, instant));
}

function localDayNumber(calendar: Pick<WorkingDayCalendar, 'utcOffsetMinutes'>, instant: number): number {
  return Math.floor((instant + calendar.utcOffsetMinutes * 60_000) / DAY_MS);
}

/** UTC instant at which a local day begins. */
function startOfLocalDay(calendar: Pick<WorkingDayCalendar, 'utcOffsetMinutes'>, day: number): number {
  return day * DAY_MS - calendar.utcOffsetMinutes * 60_000;
}

/** Start of a local date ('YYYY-MM-DD') as a UTC instant. */
export function startOfLocalDate(
  calendar: Pick<WorkingDayCalendar, 'utcOffsetMinutes'>,
  date: string,
): number {
  const day = dayNumberOf(date);
  if (day === undefined) throw new RangeError(`not a calendar date: ${JSON.stringify(date)}`);
  return startOfLocalDay(calendar, day);
}

/** Answers "is this a working day?" for one calendar, with its lists indexed once. */
export class WorkingDays {
  private readonly holidays: Set<string>;
  private readonly workdays: Set<string>;
  private readonly weekend: Set<number>;

  constructor(readonly calendar: WorkingDayCalendar) {
    assertValidWorkingDayCalendar(calendar);
    this.holidays = new Set(calendar.holidays);
    this.workdays = new Set(calendar.workdays);
    this.weekend = new Set(calendar.weekend);
  }

  isWorkingDate(date: string): boolean {
    const day = dayNumberOf(date);
    if (day === undefined) throw new RangeError(`not a calendar date: ${JSON.stringify(date)}`);
    return this.isWorkingDay(day);
  }

  /** `day`: days since 1970-01-01 (local). 1970-01-01 was a Thursday. */
  private isWorkingDay(day: number): boolean {
    const date = dateOfDayNumber(day);
    if (this.workdays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    return !this.weekend.has((((day + 4) % 7) + 7) % 7);
  }

  /**
   * The deadline of "reply within `workingDays` working days" for something issued at `issuedAt`:
   * the end (local midnight) of the `workingDays`-th working day after the issue day. The issue day
   * itself never counts, whether or not it is a working day.
   */
  deadline(issuedAt: number, workingDays: number): WorkingDayDeadline {
    if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > MAX_WORKING_DAYS)
      throw new RangeError(
        `workingDays must be an integer from 1 to ${MAX_WORKING_DAYS}, got ${JSON.stringify(workingDays)}`,
      );
    const issueDay = localDayNumber(this.calendar, issuedAt);
    const counted: number[] = [];
    for (let day = issueDay + 1; counted.length < workingDays; day += 1) {
      if (this.isWorkingDay(day)) counted.push(day);
    }
    const last = counted[counted.length - 1] ?? issueDay + 1;
    return {
      issuedAt,
      workingDays,
      dueDate: dateOfDayNumber(last),
      deadline: startOfLocalDay(this.calendar, last + 1),
      workingDates: counted.map(dateOfDayNumber),
      beyondCoveredYears: counted.some(
        (day) => !this.calendar.coveredYears.includes(Number(dateOfDayNumber(day).slice(0, 4))),
      ),
    };
  }

  /**
   * When to remind, `before` working days ahead of a deadline: the start of the working day that
   * leaves `before` full working days (1: the morning of the last day). Never before `issuedAt`.
   */
  reminderAt(deadline: WorkingDayDeadline, before: number): number {
    if (!Number.isInteger(before) || before < 1)
      throw new RangeError(`before must be a positive integer, got ${JSON.stringify(before)}`);
    const index = deadline.workingDates.length - before;
    const date = deadline.workingDates[index];
    if (index < 0 || date === undefined) return deadline.issuedAt;
    return Math.max(deadline.issuedAt, startOfLocalDate(this.calendar, date));
  }

  /** Working days from the local day after `from` up to and including the day of `to` (0 if none). */
  workingDaysBetween(from: number, to: number): number {
    let count = 0;
    const last = localDayNumber(this.calendar, to);
    for (let day = localDayNumber(this.calendar, from) + 1; day <= last; day += 1) {
      if (this.isWorkingDay(day)) count += 1;
    }
    return count;
  }
}

export interface WorkingDayDeadline {
  issuedAt: number;
  workingDays: number;
  /** The last working day, 'YYYY-MM-DD' local. */
  dueDate: string;
  /** UTC instant at which the reply is late: local midnight at the end of `dueDate`. */
  deadline: number;
  /** The working days counted, in order. */
  workingDates: string[];
  /** True when a counted day lies in a year whose holidays the calendar does not list. */
  beyondCoveredYears: boolean;
}

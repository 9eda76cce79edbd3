import {
  applyWorkingDayOverrides,
  assertValidWorkingDayCalendar,
  calendarTimeOf,
  CHINA_WORKING_DAYS,
  dayCompressionProblem,
  deadlineTimeline,
  localDateOf,
  workflowTimeOf,
  WorkingDayCalendarError,
  workingDayCalendarProblems,
  WorkingDays,
} from './index';

/** A Beijing local time as a UTC instant. */
const beijing = (local: string): number => Date.parse(`${local}:00+08:00`);

describe('the default China calendar', () => {
  const days = new WorkingDays(CHINA_WORKING_DAYS);

  it('is valid and covers 2026 and 2027', () => {
    expect(workingDayCalendarProblems(CHINA_WORKING_DAYS)).toEqual([]);
    expect(CHINA_WORKING_DAYS.coveredYears).toEqual([2026, 2027]);
  });

  it('knows weekends, holidays and adjusted working days (调休)', () => {
    expect(days.isWorkingDate('2026-09-18')).toBe(true); // Friday
    expect(days.isWorkingDate('2026-09-19')).toBe(false); // Saturday
    expect(days.isWorkingDate('2026-09-20')).toBe(true); // Sunday, worked for National Day
    expect(days.isWorkingDate('2026-10-01')).toBe(false); // National Day
    expect(days.isWorkingDate('2026-10-07')).toBe(false);
    expect(days.isWorkingDate('2026-10-08')).toBe(true);
    expect(days.isWorkingDate('2026-10-10')).toBe(true); // Saturday, worked
    expect(days.isWorkingDate('2026-02-16')).toBe(false); // Spring Festival (Monday)
    expect(days.isWorkingDate('2026-02-14')).toBe(true); // Saturday, worked
  });

  it('counts a deadline across the Mid-Autumn and National Day holidays', () => {
    // Issued Wednesday 23 September 2026, 5 working days: 24 Sep, 28, 29, 30 Sep, then 8 Oct.
    const d = days.deadline(beijing('2026-09-23T15:30'), 5);
    expect(d.workingDates).toEqual(['2026-09-24', '2026-09-28', '2026-09-29', '2026-09-30', '2026-10-08']);
    expect(d.dueDate).toBe('2026-10-08');
    expect(d.deadline).toBe(beijing('2026-10-09T00:00'));
    expect(d.beyondCoveredYears).toBe(false);
    // Without the holidays it would have been Wednesday 30 September.
    const plain = new WorkingDays({ ...CHINA_WORKING_DAYS, holidays: [], workdays: [] });
    expect(plain.deadline(beijing('2026-09-23T15:30'), 5).dueDate).toBe('2026-09-30');
  });

  it('counts an adjusted Sunday as a working day', () => {
    const d = days.deadline(beijing('2026-09-18T09:00'), 2); // Friday
    expect(d.workingDates).toEqual(['2026-09-20', '2026-09-21']);
  });

  it('never counts the issue day, and starts after a holiday issued on it', () => {
    expect(days.deadline(beijing('2026-10-03T10:00'), 1).dueDate).toBe('2026-10-08');
    expect(days.deadline(beijing('2026-10-08T23:59'), 1).dueDate).toBe('2026-10-09');
    // 23:30 UTC on 8 October is already 9 October in Beijing.
    expect(days.deadline(Date.parse('2026-10-08T23:30:00Z'), 1).dueDate).toBe('2026-10-10');
  });

  it('reminds at the start of the last working days', () => {
    const d = days.deadline(beijing('2026-09-23T15:30'), 5);
    expect(days.reminderAt(d, 1)).toBe(beijing('2026-10-08T00:00'));
    expect(days.reminderAt(d, 2)).toBe(beijing('2026-09-30T00:00'));
    expect(days.reminderAt(d, 9)).toBe(d.issuedAt);
  });

  it('flags deadlines beyond the listed years', () => {
    expect(days.deadline(beijing('2027-12-30T10:00'), 3).beyondCoveredYears).toBe(true);
  });

  it('counts working days between two instants', () => {
    expect(days.workingDaysBetween(beijing('2026-09-30T10:00'), beijing('2026-10-09T10:00'))).toBe(2);
  });

  it('refuses nonsense counts', () => {
    expect(() => days.deadline(0, 0)).toThrow(/workingDays must be an integer/);
    expect(() => days.deadline(0, 1.5)).toThrow(/workingDays/);
  });

  it('gives local dates in Beijing time', () => {
    expect(localDateOf(CHINA_WORKING_DAYS, Date.parse('2026-09-30T16:00:00Z'))).toBe('2026-10-01');
  });
});

describe('deployment overrides', () => {
  it('adds a holiday and moves a date from one list to the other', () => {
    const calendar = applyWorkingDayOverrides(CHINA_WORKING_DAYS, {
      holidays: ['2026-09-21', '2026-09-20'],
      coveredYears: [2028],
    });
    expect(workingDayCalendarProblems(calendar)).toEqual([]);
    expect(calendar.workdays).not.toContain('2026-09-20');
    const days = new WorkingDays(calendar);
    expect(days.isWorkingDate('2026-09-20')).toBe(false);
    expect(days.isWorkingDate('2026-09-21')).toBe(false);
    expect(calendar.coveredYears).toEqual([2026, 2027, 2028]);
  });

  it('replaces the lists or removes single dates', () => {
    const replaced = applyWorkingDayOverrides(CHINA_WORKING_DAYS, { replace: true, coveredYears: [2030] });
    expect(replaced.holidays).toEqual([]);
    const removed = applyWorkingDayOverrides(CHINA_WORKING_DAYS, { remove: ['2026-10-07'] });
    expect(new WorkingDays(removed).isWorkingDate('2026-10-07')).toBe(true);
  });

  it('names every problem of a bad calendar', () => {
    const problems = workingDayCalendarProblems({
      utcOffsetMinutes: 9999,
      weekend: [0, 7],
      holidays: ['2026-02-30', '2026-05-01'],
      workdays: ['2026-05-01'],
      coveredYears: ['2026'],
    });
    expect(problems).toEqual([
      'utcOffsetMinutes must be an integer from -720 to 840, got 9999',
      'weekend must be a list of distinct days of the week, 0 (Sunday) to 6 (Saturday), not all 7',
      'holidays[0] must be a calendar date written YYYY-MM-DD, got "2026-02-30"',
      '2026-05-01 is listed both as a holiday and as an adjusted working day',
      'coveredYears must be a list of years from 2000 to 2999',
    ]);
    expect(() => assertValidWorkingDayCalendar(null)).toThrow(WorkingDayCalendarError);
  });
});

describe('deadline timelines', () => {
  it('is the identity in real time', () => {
    const tl = deadlineTimeline(1_000_000, null);
    expect(workflowTimeOf(tl, 5_000_000)).toBe(5_000_000);
    expect(calendarTimeOf(tl, 5_000_000)).toBe(5_000_000);
  });

  it('plays a day in seconds from a chosen calendar day', () => {
    const startedAt = Date.parse('2030-01-01T00:00:00Z');
    const tl = deadlineTimeline(startedAt, { dayLastsMs: 2_000, calendarStart: '2026-09-30T02:00:00Z' });
    expect(calendarTimeOf(tl, startedAt)).toBe(Date.parse('2026-09-30T02:00:00Z'));
    expect(workflowTimeOf(tl, Date.parse('2026-10-09T02:00:00Z'))).toBe(startedAt + 9 * 2_000);
  });

  it('refuses compressions too fast to run', () => {
    expect(dayCompressionProblem({ dayLastsMs: 10 })).toMatch(/at least 1000/);
    expect(dayCompressionProblem({ dayLastsMs: 2000, calendarStart: 'soon' })).toMatch(/calendarStart/);
    expect(dayCompressionProblem(null)).toBeUndefined();
  });
});

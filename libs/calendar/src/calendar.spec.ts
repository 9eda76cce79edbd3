import {
  assertValidCalendarConfig,
  calendarConfigProblems,
  CalendarConfigError,
  compressedTimeline,
  createCalendarConfig,
  cycleCalendar,
  DAY_MS,
  DEFAULT_CALENDAR,
  formatLocal,
  phaseDeadline,
  realTimeline,
  toCalendarTime,
  toWorkflowDuration,
  toWorkflowTime,
  warningLevelAt,
  workflowDelay,
} from './index';

const beijing = (iso: string): number => Date.parse(`${iso}+08:00`);

describe('cycle calendar', () => {
  const calendar = cycleCalendar(2026, DEFAULT_CALENDAR);

  it('places every deadline per docs/domain.md, in local (UTC+8) time', () => {
    const at = (phase: Parameters<typeof phaseDeadline>[1]) => phaseDeadline(calendar, phase);
    expect(calendar.yearStart).toBe(beijing('2026-01-01T00:00'));
    expect(at('define').deadline).toBe(beijing('2026-02-01T00:00')); // approvals by end of January
    expect(at('perform').deadline).toBe(beijing('2026-06-01T00:00')); // first half
    expect(at('midYear').opensAt).toBe(beijing('2026-06-01T00:00'));
    expect(at('midYear').deadline).toBe(beijing('2026-08-01T00:00')); // June–July
    expect(at('yearEnd').opensAt).toBe(beijing('2026-12-01T00:00'));
    expect(at('yearEnd').deadline).toBe(beijing('2027-01-01T00:00'));
    expect(at('appraisal').opensAt).toBe(beijing('2027-01-01T00:00'));
    expect(at('appraisal').deadline).toBe(beijing('2027-03-01T00:00')); // end of February, next year
    expect(calendar.phases.map((p) => p.phase)).toEqual([
      'define',
      'perform',
      'midYear',
      'yearEnd',
      'appraisal',
    ]);
    expect(calendar.yearLength).toBe(365 * DAY_MS);
  });

  it("resolves 'last' per year (leap February)", () => {
    const leap = cycleCalendar(2027, DEFAULT_CALENDAR); // appraisal runs in 2028
    expect(phaseDeadline(leap, 'appraisal').deadline).toBe(beijing('2028-03-01T00:00'));
    expect(formatLocal(phaseDeadline(leap, 'appraisal').deadline - 1, 480)).toBe('2028-02-29T23:59+08:00');
  });

  it('lets a deployment move approvals to the end of March', () => {
    const config = createCalendarConfig({ approvalsBy: { month: 3, day: 'last' }, yellowDaysBefore: 5 });
    const define = phaseDeadline(cycleCalendar(2026, config), 'define');
    expect(define.deadline).toBe(beijing('2026-04-01T00:00'));
    expect(define.yellowAt).toBe(beijing('2026-03-27T00:00'));
  });

  it('turns blue, yellow, red around a deadline', () => {
    const define = phaseDeadline(calendar, 'define');
    expect(define.yellowAt).toBe(beijing('2026-01-22T00:00'));
    expect(warningLevelAt(define, beijing('2026-01-10T00:00'))).toBe('blue');
    expect(warningLevelAt(define, define.yellowAt)).toBe('yellow');
    expect(warningLevelAt(define, define.deadline - 1)).toBe('yellow');
    expect(warningLevelAt(define, define.deadline)).toBe('red');
  });

  it('refuses years out of range', () => {
    expect(() => cycleCalendar(1999, DEFAULT_CALENDAR)).toThrow(/year must be an integer/);
  });
});

describe('calendar validation', () => {
  it('accepts the default calendar', () => {
    expect(calendarConfigProblems(DEFAULT_CALENDAR)).toEqual([]);
  });

  it('lists every problem in words', () => {
    const bad = createCalendarConfig({
      yellowDaysBefore: -1,
      phases: {
        define: { closedBy: 'leadingOrg' },
        midYear: { due: { month: 2, day: 30 } },
        yearEnd: { opens: { month: 13, day: 1 } },
      },
    });
    const problems = calendarConfigProblems(bad);
    expect(problems).toEqual(
      expect.arrayContaining([
        'yellowDaysBefore must be an integer from 0 to 60, got -1',
        "phases.define.closedBy must be 'taskListPublished': define closes when the committee publishes its task list",
        "phases.midYear.due.day must be an integer from 1 to 28 or 'last', got 30 (use 'last' for the end of February)",
        'phases.yearEnd.opens.month must be an integer from 1 to 12, got 13',
      ]),
    );
    expect(() => assertValidCalendarConfig(bad)).toThrow(CalendarConfigError);
  });

  it('requires deadlines in phase order', () => {
    const bad = createCalendarConfig({ approvalsBy: { month: 6, day: 30 } });
    expect(calendarConfigProblems(bad)).toEqual([
      'phases.perform.due must come after phases.define.due: deadlines follow the phase order',
    ]);
  });

  it('refuses a phase opening after its deadline, and unknown phases', () => {
    const bad = { ...DEFAULT_CALENDAR, phases: { ...DEFAULT_CALENDAR.phases, closed: {} } };
    bad.phases.midYear = { ...bad.phases.midYear, opens: { month: 8, day: 1 } };
    expect(calendarConfigProblems(bad)).toEqual(
      expect.arrayContaining([
        'phases.closed is not a phase with a deadline (expected define, perform, midYear, yearEnd, appraisal)',
        'phases.midYear opens after its deadline',
      ]),
    );
    expect(calendarConfigProblems(null)).toEqual(['calendar must be an object']);
  });
});

describe('timelines', () => {
  const calendar = cycleCalendar(2026, DEFAULT_CALENDAR);

  it('is the identity in real time', () => {
    const tl = realTimeline(calendar);
    const deadline = phaseDeadline(calendar, 'define').deadline;
    expect(toWorkflowTime(tl, deadline)).toBe(deadline);
    expect(workflowDelay(tl, deadline, deadline - 5_000)).toBe(5_000);
    expect(workflowDelay(tl, deadline, deadline + 5_000)).toBe(0);
  });

  it('compresses a year into minutes, starting at the cycle start', () => {
    const startedAt = Date.parse('2030-05-05T10:00:00Z');
    const tl = compressedTimeline(calendar, startedAt, { yearLastsMs: 365 * 60_000 }); // a day per minute
    expect(tl.factor).toBe(1440);
    expect(toWorkflowTime(tl, calendar.yearStart)).toBe(startedAt);
    expect(toWorkflowTime(tl, phaseDeadline(calendar, 'define').deadline)).toBe(startedAt + 31 * 60_000);
    expect(toWorkflowTime(tl, calendar.yearStart + calendar.yearLength)).toBe(startedAt + 365 * 60_000);
    expect(toCalendarTime(tl, startedAt + 31 * 60_000)).toBe(phaseDeadline(calendar, 'define').deadline);
    expect(toWorkflowDuration(tl, 7 * DAY_MS)).toBe(7 * 60_000);
  });

  it('never maps a calendar instant to an earlier workflow time', () => {
    const tl = compressedTimeline(calendar, 1_000_003, { yearLastsMs: 3_600_000 });
    for (const p of calendar.phases) {
      expect(toCalendarTime(tl, toWorkflowTime(tl, p.yellowAt))).toBeGreaterThanOrEqual(p.yellowAt);
      expect(toCalendarTime(tl, toWorkflowTime(tl, p.deadline))).toBeGreaterThanOrEqual(p.deadline);
    }
  });

  it('refuses a compression that is too fast to run', () => {
    expect(() => compressedTimeline(calendar, 0, { yearLastsMs: 10 })).toThrow(/yearLastsMs must be/);
  });
});

import { assertValidCalendarConfig } from './calendar-config';
import type { CalendarConfig, CalendarDay, PhaseWindow } from './calendar-config';
import { ACTIVE_PHASES } from './phases';
import type { ActivePhase, PhaseCloser, WarningLevel } from './phases';

export const DAY_MS = 86_400_000;

/** One phase of one year, as UTC epoch milliseconds of the real calendar. */
export interface PhaseDeadline {
  phase: ActivePhase;
  opensAt: number;
  /** Instant the warning turns yellow (`yellowDaysBefore` days before the deadline, not before opening). */
  yellowAt: number;
  /** End of the phase's last day, local time: from here on the phase is overdue (red). */
  deadline: number;
  closedBy: PhaseCloser;
}

export interface CycleCalendar {
  year: number;
  /** 1 January of the year, 00:00 local time, as UTC epoch ms. */
  yearStart: number;
  /** Length of the calendar year in ms (365 or 366 days). */
  yearLength: number;
  utcOffsetMinutes: number;
  escalationRepeatMs: number;
  phases: PhaseDeadline[];
}

export function isValidCycleYear(year: unknown): year is number {
  return typeof year === 'number' && Number.isInteger(year) && year >= 2000 && year <= 2999;
}

/** Start of a local day as UTC epoch ms. */
function localDayStart(year: number, month: number, day: number, utcOffsetMinutes: number): number {
  return Date.UTC(year, month - 1, day) - utcOffsetMinutes * 60_000;
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dayOf(year: number, when: CalendarDay): { y: number; m: number; d: number } {
  const y = year + (when.yearOffset ?? 0);
  return { y, m: when.month, d: when.day === 'last' ? lastDayOfMonth(y, when.month) : when.day };
}

function startOf(year: number, when: CalendarDay, offset: number): number {
  const { y, m, d } = dayOf(year, when);
  return localDayStart(y, m, d, offset);
}

function endOf(year: number, when: CalendarDay, offset: number): number {
  return startOf(year, when, offset) + DAY_MS;
}

/** The instants of one year's cycle under a (validated) calendar. */
export function cycleCalendar(year: number, config: CalendarConfig): CycleCalendar {
  if (!isValidCycleYear(year))
    throw new RangeError(`year must be an integer from 2000 to 2999, got ${JSON.stringify(year)}`);
  const valid = assertValidCalendarConfig(config);
  const offset = valid.utcOffsetMinutes;
  const phases = ACTIVE_PHASES.map((phase): PhaseDeadline => {
    const window: PhaseWindow = valid.phases[phase];
    const opensAt = startOf(year, window.opens, offset);
    const deadline = endOf(year, window.due, offset);
    return {
      phase,
      opensAt,
      yellowAt: Math.max(opensAt, deadline - valid.yellowDaysBefore * DAY_MS),
      deadline,
      closedBy: window.closedBy,
    };
  });
  const yearStart = localDayStart(year, 1, 1, offset);
  return {
    year,
    yearStart,
    yearLength: localDayStart(year + 1, 1, 1, offset) - yearStart,
    utcOffsetMinutes: offset,
    escalationRepeatMs: valid.escalationRepeatDays * DAY_MS,
    phases,
  };
}

export function phaseDeadline(calendar: CycleCalendar, phase: ActivePhase): PhaseDeadline {
  const found = calendar.phases.find((p) => p.phase === phase);
  if (!found) throw new RangeError(`no deadline for phase ${phase}`);
  return found;
}

/** Colour of a deadline at a calendar instant, for a phase that is still open. */
export function warningLevelAt(
  deadline: Pick<PhaseDeadline, 'yellowAt' | 'deadline'>,
  at: number,
): WarningLevel {
  if (at >= deadline.deadline) return 'red';
  if (at >= deadline.yellowAt) return 'yellow';
  return 'blue';
}

/** 'YYYY-MM-DDTHH:mm+08:00' in the deployment's local time, for people and logs. */
export function formatLocal(instant: number, utcOffsetMinutes: number): string {
  const local = new Date(instant + utcOffsetMinutes * 60_000).toISOString().slice(0, 16);
  const sign = utcOffsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(utcOffsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}

/**
 * The personal responsibility-risk list of one leader for one year (docs/domain.md "明责 Define"), id
 * `risk-list/<personId>/<year>`. The leader drafts the list in the lists service (claims, own
 * items, risk points, measures); this workflow owns the process: sign and submit, approve or
 * return with comments round after round, the define deadline's colours with reminders, escalation
 * of an overdue list to the leading org, and the lock after the deadline. People act through the
 * lists API, which sends updates; the handlers persist through the lists service's activities.
 *
 * The folder: `risk-list-state.ts` (state and transitions, no Temporal), `risk-list-handlers.ts`
 * (updates and query), `risk-list-activities.ts` (activity proxies), and this main loop.
 * Deterministic: time is the workflow clock; activities are known only by their types.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  compressedTimeline,
  cycleCalendar,
  DAY_MS,
  DEFAULT_CALENDAR,
  phaseDeadline,
  realTimeline,
  toCalendarTime,
  toWorkflowDuration,
  toWorkflowTime,
} from '@dutychain/calendar';
import type { CalendarConfig, Timeline } from '@dutychain/calendar';
import {
  DEFAULT_LOCK_AFTER_DAYS,
  describeInputProblems,
  riskListInputProblems,
  riskListSearchAttributes,
  SEARCH_ATTRIBUTES,
  TASK_QUEUES,
} from '@dutychain/temporal';
import type { RiskListInput, RiskListNotification, RiskListSummary } from '@dutychain/temporal';
import { drainSideEffects } from '../shared/side-effect-queue';
import { backgroundActivities, decisionActivities } from './risk-list-activities';
import { registerRiskListHandlers } from './risk-list-handlers';
import { applyDue, isFinished, iso, newRiskListState, nextDue, recordEvent } from './risk-list-state';

export async function riskList(input: RiskListInput): Promise<RiskListSummary> {
  const problems = riskListInputProblems(input);
  if (problems.length > 0) {
    throw ApplicationFailure.nonRetryable(
      `invalid risk-list input: ${describeInputProblems(problems)}`,
      'InvalidRiskListInput',
    );
  }
  const { personId, year, unitId } = input;
  const workflowId = workflowInfo().workflowId;
  const taskQueue = input.listsTaskQueue ?? TASK_QUEUES.lists;
  const decisions = decisionActivities(taskQueue);
  const background = backgroundActivities(taskQueue);

  const calendarConfig: CalendarConfig = input.calendar ?? DEFAULT_CALENDAR;
  const calendar = cycleCalendar(year, calendarConfig);
  const timeline: Timeline =
    input.timeline ??
    (input.compression
      ? compressedTimeline(calendar, Date.now(), input.compression)
      : realTimeline(calendar));
  const define = phaseDeadline(calendar, 'define');
  const calendarLockAt = define.deadline + (input.lockAfterDays ?? DEFAULT_LOCK_AFTER_DAYS) * DAY_MS;
  const s = newRiskListState(input, workflowId, {
    calendarOpensAt: define.opensAt,
    calendarYellowAt: define.yellowAt,
    calendarDeadline: define.deadline,
    calendarLockAt,
    yellow: toWorkflowTime(timeline, define.yellowAt),
    deadline: toWorkflowTime(timeline, define.deadline),
    lock: toWorkflowTime(timeline, calendarLockAt),
    escalationRepeat: toWorkflowDuration(timeline, calendar.escalationRepeatMs),
  });
  const calendarNow = (): string => iso(toCalendarTime(timeline, Date.now()));
  const upsertOverdue = (): void =>
    upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.overdue, value: s.overdue }]);
  registerRiskListHandlers({
    s,
    decisions,
    calendarNow,
    localDate: () =>
      iso(toCalendarTime(timeline, Date.now()) + calendar.utcOffsetMinutes * 60_000).slice(0, 10),
    upsertOverdue,
  });

  const notify = (item: RiskListNotification): Promise<void> =>
    background.notifyRiskList({ ...item, listId: s.listId ?? item.listId });
  const drain = (): Promise<void> =>
    drainSideEffects(s.pending, s.failedSideEffects, notify, { workflow: 'risk-list', workflowId });

  upsertSearchAttributes(riskListSearchAttributes(input));
  const opened = await background.openRiskList({ workflowId, personId, unitId, year });
  s.listId = opened.listId;
  // A list carried over from an earlier (failed or reset) run keeps its stored status.
  s.status = opened.status;
  s.round = opened.round;
  recordEvent(s, 'opened', null, calendarNow());

  for (;;) {
    if (applyDue(s, Date.now(), calendarNow())) upsertOverdue();
    await drain();
    if (s.status === 'locked') {
      await condition(allHandlersFinished);
      await background.recordListStatus({
        workflowId,
        listId: s.listId,
        status: 'locked',
        at: iso(calendarLockAt),
      });
      break;
    }
    const now = Date.now();
    if (now >= s.at.lock) {
      if (isFinished(s)) break; // approved, and past the lock: nothing more to decide
      await condition(() => !s.busy);
      continue;
    }
    const seen = s.wake;
    await condition(() => s.wake !== seen, Math.max(1, nextDue(s) - now));
  }
  await condition(allHandlersFinished);
  return { personId, year, status: s.status, rounds: s.round, history: s.history };
}

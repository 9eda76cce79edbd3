/**
 * The copy-notify-and-reply loop of one notice (抄告/回告, docs/domain.md "压责 Press"): one workflow per
 * notice, id `copy-notice/<noticeId>`. Each addressee (the unit's secretary, the members who
 * supervise the area) replies by a deadline counted in working days on the deployment calendar
 * (compressible for demos and tests); a reminder goes out before it; the commission accepts a
 * reply or returns it with reasons, which starts another round with a new deadline. A missed
 * deadline escalates to the next level's commission, marks the reply overdue for appraisal and
 * opens the notice's accountability case. Replies and reviews are updates: the caller gets an
 * answer only once the accountability service has stored the step.
 *
 * The folder: `notice-state.ts` (the state and its transitions, no Temporal), `notice-handlers.ts`
 * (updates and query), `notice-activities.ts` (activity proxies), and this main loop.
 * Deterministic: time comes from the workflow clock, activities are known only by their types.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  calendarTimeOf,
  CHINA_WORKING_DAYS,
  deadlineTimeline,
  workflowTimeOf,
  WorkingDays,
} from '@dutychain/working-days';
import { copyNoticeInputProblems, describeInputProblems, SEARCH_ATTRIBUTES } from '@dutychain/temporal';
import type { CopyNoticeInput, CopyNoticeSummary } from '@dutychain/temporal';
import { drainSideEffects } from '../shared/side-effect-queue';
import { noticeActivities } from './notice-activities';
import { registerNoticeHandlers } from './notice-handlers';
import type { Clock, NoticeSideEffect, RoundDeadline } from './notice-state';
import {
  applyDue,
  applyEscalated,
  iso,
  newNoticeLoop,
  nextDue,
  overdueChanged,
  queueStep,
} from './notice-state';

export async function copyNotice(input: CopyNoticeInput): Promise<CopyNoticeSummary> {
  const problems = copyNoticeInputProblems(input);
  if (problems.length > 0) {
    throw ApplicationFailure.nonRetryable(
      `invalid notice input: ${describeInputProblems(problems)}`,
      'InvalidNoticeInput',
    );
  }
  const workflowId = workflowInfo().workflowId;
  const timeline = deadlineTimeline(Date.now(), input.compression ?? null);
  const days = new WorkingDays(input.workingDays ?? CHINA_WORKING_DAYS);
  const { background, interactive } = noticeActivities(input.activityTaskQueue);

  const clock = (): Clock => {
    const now = Date.now();
    return { now, calendarNow: calendarTimeOf(timeline, now) };
  };
  const deadlineFrom = (calendarInstant: number): RoundDeadline => {
    const d = days.deadline(calendarInstant, input.replyWorkingDays);
    return {
      deadline: iso(d.deadline),
      dueDate: d.dueDate,
      workflowDeadline: workflowTimeOf(timeline, d.deadline),
      workflowRemindAt: workflowTimeOf(timeline, days.reminderAt(d, input.remindWorkingDaysBefore)),
    };
  };

  const s = newNoticeLoop(input, workflowId, deadlineFrom(clock().calendarNow));
  let wake = 0;
  const refreshOverdue = (): void => {
    if (overdueChanged(s)) upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.overdue, value: s.overdue }]);
  };
  registerNoticeHandlers({
    s,
    interactive,
    clock,
    deadlineFrom,
    refreshOverdue,
    wakeLoop: () => {
      wake += 1;
    },
  });

  const perform = async (effect: NoticeSideEffect): Promise<void> => {
    switch (effect.kind) {
      case 'record':
        return background.recordNoticeStep(effect.input);
      case 'remind':
        return background.remindAddressee(effect.input);
      case 'escalate': {
        const { caseId } = await background.escalateOverdueNotice(effect.input);
        applyEscalated(s, effect.input, caseId, clock());
        return;
      }
    }
  };
  const drain = () =>
    drainSideEffects(s.pending, s.failedSideEffects, perform, { workflow: 'copy-notice', workflowId });

  /** Read through a function: handlers change the status while the loop awaits. */
  const isOpen = (): boolean => s.status === 'open';

  for (const a of s.addressees) {
    queueStep(
      s,
      'issued',
      { addresseeId: a.personId, round: 1, by: null, deadline: a.deadline, dueDate: a.dueDate },
      clock(),
    );
  }
  for (;;) {
    if (isOpen()) {
      applyDue(s, clock());
      refreshOverdue();
    }
    await drain();
    if (s.status !== 'open') {
      // A withdrawal whose step could not be stored reopens the notice: look again once it is done.
      await condition(allHandlersFinished);
      await drain();
      if (!isOpen()) break;
      continue;
    }
    const due = nextDue(s);
    const seen = wake;
    const now = Date.now();
    if (due === undefined) await condition(() => wake !== seen);
    else if (due > now) await condition(() => wake !== seen, due - now);
  }
  return { noticeId: input.noticeId, status: s.status, steps: s.steps.length, caseId: s.caseId };
}

/**
 * The copy-notice loop's updates and query. Each update is validated first (a refusal never reaches
 * the history), is checked again when it runs (another decision may have landed meanwhile), stores
 * its step through the accountability service, and only then changes the state.
 */
import { setHandler } from '@temporalio/workflow';
import {
  copyNoticeStateQuery,
  reviewReplyUpdate,
  submitReplyUpdate,
  withdrawNoticeUpdate,
} from '@dutychain/temporal';
import type {
  AccountabilityActivities,
  CopyNoticeState,
  ReplyReceipt,
  ReviewReplyInput,
  ReviewResult,
  SubmitReplyInput,
  WithdrawNoticeInput,
} from '@dutychain/temporal';
import type { Clock, NoticeLoopState, RoundDeadline } from './notice-state';
import {
  addresseeOf,
  checkReply,
  checkReview,
  checkWithdraw,
  finishIfAllAccepted,
  noticeView,
  takeStep,
} from './notice-state';

/** What the handlers need from the running workflow. */
export interface NoticeRuntime {
  s: NoticeLoopState;
  interactive: AccountabilityActivities;
  clock(): Clock;
  deadlineFrom(calendarInstant: number): RoundDeadline;
  /** Sets the overdue search attribute when the state's overdue flag changed. */
  refreshOverdue(): void;
  /** Tells the main loop to look at the calendar again. */
  wakeLoop(): void;
}

export function registerNoticeHandlers(rt: NoticeRuntime): void {
  const { s } = rt;

  setHandler(
    submitReplyUpdate,
    async (reply: SubmitReplyInput): Promise<ReplyReceipt> => {
      checkReply(s, reply);
      const a = addresseeOf(s, reply.addresseeId);
      s.busy.add(a.personId);
      try {
        const clock = rt.clock();
        const onTime = clock.now < a.workflowDeadline;
        const { view, record } = takeStep(
          s,
          'replied',
          {
            addresseeId: a.personId,
            round: a.round,
            by: a.personId,
            byName: a.name,
            replyId: reply.replyId,
            content: reply.content,
            onTime,
            deadline: a.deadline,
            dueDate: a.dueDate,
          },
          clock,
        );
        await rt.interactive.recordNoticeStep(record);
        s.steps.push(view);
        a.status = 'replied';
        a.currentReplyId = reply.replyId;
        a.replies += 1;
        a.overdue = false;
        rt.refreshOverdue();
        return {
          noticeId: s.noticeId,
          replyId: reply.replyId,
          addresseeId: a.personId,
          round: a.round,
          receivedAt: view.at,
          deadline: a.deadline,
          onTime,
        };
      } finally {
        s.busy.delete(a.personId);
        rt.wakeLoop();
      }
    },
    {
      validator: (reply: SubmitReplyInput) => checkReply(s, reply),
      description: 'An addressee replies; the answer is the receipt.',
    },
  );

  setHandler(
    reviewReplyUpdate,
    async (review: ReviewReplyInput): Promise<ReviewResult> => {
      checkReview(s, review);
      const a = addresseeOf(s, review.addresseeId);
      s.busy.add(a.personId);
      try {
        if (review.decision === 'accept') {
          const clock = rt.clock();
          const { view, record } = takeStep(
            s,
            'accepted',
            {
              addresseeId: a.personId,
              round: a.round,
              by: review.reviewerId,
              byName: review.reviewerName,
              replyId: review.replyId,
              ...(review.reasons ? { reasons: review.reasons } : {}),
            },
            clock,
          );
          await rt.interactive.recordNoticeStep(record);
          s.steps.push(view);
          a.status = 'accepted';
          finishIfAllAccepted(s, rt.clock());
          return {
            noticeId: s.noticeId,
            addresseeId: a.personId,
            replyId: review.replyId,
            decision: 'accept',
            round: a.round,
            deadline: null,
            noticeStatus: s.status,
          };
        }
        const clock = rt.clock();
        const next = rt.deadlineFrom(clock.calendarNow);
        const { view, record } = takeStep(
          s,
          'returned',
          {
            addresseeId: a.personId,
            round: a.round + 1,
            by: review.reviewerId,
            byName: review.reviewerName,
            replyId: review.replyId,
            reasons: review.reasons ?? '',
            deadline: next.deadline,
            dueDate: next.dueDate,
          },
          clock,
        );
        await rt.interactive.recordNoticeStep(record);
        s.steps.push(view);
        Object.assign(a, next, { status: 'awaitingReply', round: a.round + 1, currentReplyId: null });
        return {
          noticeId: s.noticeId,
          addresseeId: a.personId,
          replyId: review.replyId,
          decision: 'return',
          round: a.round,
          deadline: a.deadline,
          noticeStatus: s.status,
        };
      } finally {
        s.busy.delete(a.personId);
        rt.wakeLoop();
      }
    },
    {
      validator: (review: ReviewReplyInput) => checkReview(s, review),
      description: 'The commission accepts a reply or returns it with reasons.',
    },
  );

  setHandler(
    withdrawNoticeUpdate,
    async (withdrawal: WithdrawNoticeInput): Promise<CopyNoticeState> => {
      checkWithdraw(s, withdrawal);
      const { view, record } = takeStep(
        s,
        'withdrawn',
        {
          addresseeId: null,
          round: 0,
          by: withdrawal.by,
          byName: withdrawal.byName,
          reasons: withdrawal.reason,
        },
        rt.clock(),
      );
      s.status = 'withdrawn'; // no reply slips in while the step is stored
      try {
        await rt.interactive.recordNoticeStep(record);
      } catch (err) {
        s.status = 'open';
        throw err;
      } finally {
        rt.wakeLoop();
      }
      s.steps.push(view);
      for (const a of s.addressees) a.overdue = false;
      rt.refreshOverdue();
      return noticeView(s, rt.clock().calendarNow);
    },
    {
      validator: (withdrawal: WithdrawNoticeInput) => checkWithdraw(s, withdrawal),
      description: 'The commission withdraws the notice.',
    },
  );

  setHandler(copyNoticeStateQuery, () => noticeView(s, rt.clock().calendarNow));
}

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
 * Deterministic: time comes from the workflow clock, activities are known only by their types.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  log,
  proxyActivities,
  setHandler,
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
import {
  copyNoticeInputProblems,
  copyNoticeStateQuery,
  describeInputProblems,
  reviewReplyUpdate,
  SEARCH_ATTRIBUTES,
  submitReplyUpdate,
  withdrawNoticeUpdate,
} from '@dutychain/temporal';
import type {
  AccountabilityActivities,
  AddresseeProgress,
  CopyNoticeInput,
  CopyNoticeState,
  CopyNoticeSummary,
  NoticeEscalation,
  NoticeReminder,
  NoticeStatus,
  NoticeStep,
  NoticeStepKind,
  NoticeStepRecord,
  ReplyReceipt,
  ReviewReplyInput,
  ReviewResult,
  SubmitReplyInput,
  WithdrawNoticeInput,
} from '@dutychain/temporal';

const MAX_LISTED = 50;
/** Longest reply or reason the loop carries (TEXT_LIMITS.longText). */
const MAX_TEXT = 20_000;

const iso = (instant: number): string => new Date(instant).toISOString();
const isBlank = (value: unknown): boolean => typeof value !== 'string' || value.trim() === '';

/** Per-addressee bookkeeping the view does not show. */
interface Tracked extends AddresseeProgress {
  workflowRemindAt: number;
  remindedRound: number;
  escalatedRound: number;
}

type SideEffect =
  | { kind: 'record'; input: NoticeStepRecord }
  | { kind: 'remind'; input: NoticeReminder }
  | { kind: 'escalate'; input: NoticeEscalation };

export async function copyNotice(input: CopyNoticeInput): Promise<CopyNoticeSummary> {
  const problems = copyNoticeInputProblems(input);
  if (problems.length > 0) {
    throw ApplicationFailure.nonRetryable(
      `invalid notice input: ${describeInputProblems(problems)}`,
      'InvalidNoticeInput',
    );
  }
  const { noticeId } = input;
  const workflowId = workflowInfo().workflowId;
  const timeline = deadlineTimeline(Date.now(), input.compression ?? null);
  const days = new WorkingDays(input.workingDays ?? CHINA_WORKING_DAYS);
  const reviewers = new Set([input.issuingUnitId, ...input.issuerAncestors]);

  /** Steps, reminders and escalations from the loop itself: retried for a while, then logged, never fatal. */
  const background = proxyActivities<AccountabilityActivities>({
    taskQueue: input.activityTaskQueue,
    startToCloseTimeout: '1 minute',
    retry: {
      initialInterval: '1 second',
      backoffCoefficient: 2,
      maximumInterval: '10 minutes',
      maximumAttempts: 10,
    },
  });
  /** Steps of a reply or review: someone waits for the answer, so fail fast and let them retry. */
  const interactive = proxyActivities<AccountabilityActivities>({
    taskQueue: input.activityTaskQueue,
    startToCloseTimeout: '20 seconds',
    retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumAttempts: 4 },
  });

  const calendarNow = (): number => calendarTimeOf(timeline, Date.now());

  const deadlineFrom = (calendarInstant: number) => {
    const d = days.deadline(calendarInstant, input.replyWorkingDays);
    return {
      deadline: iso(d.deadline),
      dueDate: d.dueDate,
      workflowDeadline: workflowTimeOf(timeline, d.deadline),
      workflowRemindAt: workflowTimeOf(timeline, days.reminderAt(d, input.remindWorkingDaysBefore)),
    };
  };

  const issuedAt = calendarNow();
  const first = deadlineFrom(issuedAt);
  const s = {
    status: 'open' as NoticeStatus,
    overdue: false,
    steps: [] as NoticeStep[],
    caseId: null as string | null,
    failedSideEffects: [] as string[],
    pending: [] as SideEffect[],
    seq: 0,
  };
  const addressees: Tracked[] = input.addressees.map((a) => ({
    personId: a.personId,
    name: a.name,
    role: a.role,
    title: a.title ?? null,
    status: 'awaitingReply',
    round: 1,
    ...first,
    overdue: false,
    everOverdue: false,
    currentReplyId: null,
    replies: 0,
    remindedRound: 0,
    escalatedRound: 0,
  }));
  /** Addressees with a reply or review being stored: the calendar leaves them alone meanwhile. */
  const busy = new Set<string>();
  let wake = 0;

  // ---- steps ----

  /** A step with its sequence number taken now; recorded in the state once it has been stored. */
  const step = (
    kind: NoticeStepKind,
    fields: Partial<NoticeStepRecord> & {
      addresseeId: string | null;
      round: number;
      by: string | null;
      byName?: string;
    },
  ): { view: NoticeStep; record: NoticeStepRecord } => {
    s.seq += 1;
    const now = Date.now();
    const at = iso(calendarTimeOf(timeline, now));
    const { by, byName, ...rest } = fields;
    const view: NoticeStep = {
      seq: s.seq,
      kind,
      addresseeId: fields.addresseeId,
      round: fields.round,
      at,
      workflowTime: now,
      by,
      ...(fields.replyId !== undefined && { replyId: fields.replyId }),
      ...(fields.reasons !== undefined && { reasons: fields.reasons }),
      ...(fields.caseId !== undefined && { caseId: fields.caseId }),
    };
    const record: NoticeStepRecord = {
      ...rest,
      key: `${workflowId}/step/${s.seq}`,
      noticeId,
      workflowId,
      seq: s.seq,
      kind,
      at,
      actor: by
        ? { kind: 'person', id: by, name: byName ?? by }
        : { kind: 'system', id: workflowId, name: 'copy-notice workflow' },
    };
    return { view, record };
  };

  /** A step the loop takes by itself: in the state now, stored by the main loop. */
  const queueStep = (...args: Parameters<typeof step>): void => {
    const { view, record } = step(...args);
    s.steps.push(view);
    s.pending.push({ kind: 'record', input: record });
  };

  const refreshOverdue = (): void => {
    const overdue = addressees.some((a) => a.overdue);
    if (overdue === s.overdue) return;
    s.overdue = overdue;
    upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.overdue, value: overdue }]);
  };

  const finishIfAllAccepted = (): void => {
    if (s.status !== 'open' || addressees.some((a) => a.status !== 'accepted')) return;
    s.status = 'completed';
    queueStep('completed', { addresseeId: null, round: 0, by: null });
  };

  // ---- the calendar ----

  const applyDue = (): void => {
    if (s.status !== 'open') return;
    const now = Date.now();
    for (const a of addressees) {
      if (a.status !== 'awaitingReply' || busy.has(a.personId)) continue;
      if (a.remindedRound < a.round && now >= a.workflowRemindAt && now < a.workflowDeadline) {
        a.remindedRound = a.round;
        queueStep('reminded', { addresseeId: a.personId, round: a.round, by: null, deadline: a.deadline });
        s.pending.push({
          kind: 'remind',
          input: {
            key: `${workflowId}/remind/${a.personId}/${a.round}`,
            noticeId,
            addresseeId: a.personId,
            round: a.round,
            deadline: a.deadline,
            dueDate: a.dueDate,
          },
        });
      }
      if (a.escalatedRound < a.round && now >= a.workflowDeadline) {
        a.escalatedRound = a.round;
        a.overdue = true;
        a.everOverdue = true;
        queueStep('overdue', {
          addresseeId: a.personId,
          round: a.round,
          by: null,
          deadline: a.deadline,
          dueDate: a.dueDate,
        });
        s.pending.push({
          kind: 'escalate',
          input: {
            key: `${workflowId}/escalate/${a.personId}/${a.round}`,
            noticeId,
            workflowId,
            unitId: input.unitId,
            addresseeId: a.personId,
            round: a.round,
            deadline: a.deadline,
            dueDate: a.dueDate,
            escalationUnitId: input.escalationUnitId,
          },
        });
      }
    }
    refreshOverdue();
  };

  const nextDue = (): number | undefined => {
    let next: number | undefined;
    for (const a of addressees) {
      if (a.status !== 'awaitingReply') continue;
      const candidates = [
        a.remindedRound < a.round && a.workflowRemindAt < a.workflowDeadline ? a.workflowRemindAt : undefined,
        a.escalatedRound < a.round ? a.workflowDeadline : undefined,
      ];
      for (const c of candidates) if (c !== undefined && (next === undefined || c < next)) next = c;
    }
    return next;
  };

  const perform = async (effect: SideEffect): Promise<void> => {
    switch (effect.kind) {
      case 'record':
        return background.recordNoticeStep(effect.input);
      case 'remind':
        return background.remindAddressee(effect.input);
      case 'escalate': {
        const { caseId } = await background.escalateOverdueNotice(effect.input);
        s.caseId = caseId;
        queueStep('escalated', {
          addresseeId: effect.input.addresseeId,
          round: effect.input.round,
          by: null,
          caseId,
          ...(input.escalationUnitId !== null && { reasons: `escalated to ${input.escalationUnitId}` }),
        });
        return;
      }
    }
  };

  const drainPending = async (): Promise<void> => {
    while (s.pending.length > 0) {
      const effect = s.pending.shift();
      if (!effect) break;
      try {
        await perform(effect);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        log.warn('copy-notice side effect failed', { workflowId, kind: effect.kind, message });
        s.failedSideEffects.push(`${effect.kind}: ${message}`);
        if (s.failedSideEffects.length > MAX_LISTED) s.failedSideEffects.shift();
      }
    }
  };

  // ---- decisions ----

  const where = `notice ${noticeId}`;
  const addresseeOf = (personId: unknown): Tracked => {
    const found = addressees.find((a) => a.personId === personId);
    if (!found) throw new Error(`${JSON.stringify(personId)} is not an addressee of ${where}`);
    return found;
  };
  const requireOpen = (): void => {
    if (s.status !== 'open')
      throw new Error(`${where} is ${s.status}: it takes no more replies or decisions`);
  };
  const requireIdle = (a: Tracked): void => {
    if (busy.has(a.personId)) throw new Error(`a decision on ${a.name}'s reply is being stored; try again`);
  };

  const checkReply = (reply: SubmitReplyInput): void => {
    if (typeof reply !== 'object' || reply === null) throw new Error('a reply is required');
    requireOpen();
    const a = addresseeOf(reply.addresseeId);
    requireIdle(a);
    if (isBlank(reply.replyId)) throw new Error('replyId is required');
    if (isBlank(reply.content)) throw new Error('the reply must say what was done');
    if (reply.content.length > MAX_TEXT) throw new Error(`the reply is longer than ${MAX_TEXT} characters`);
    if (a.status === 'replied')
      throw new Error(`${a.name} has already replied in round ${a.round}; the commission is reviewing it`);
    if (a.status === 'accepted') throw new Error(`${a.name}'s reply has already been accepted`);
  };

  const checkReview = (review: ReviewReplyInput): void => {
    if (typeof review !== 'object' || review === null) throw new Error('a decision is required');
    requireOpen();
    if (!reviewers.has(review.reviewerUnitId))
      throw new Error(
        `only the issuing commission (unit ${input.issuingUnitId}) or one above it reviews replies to ${where}`,
      );
    if (isBlank(review.reviewerId) || isBlank(review.reviewerName))
      throw new Error('reviewerId and reviewerName are required');
    const a = addresseeOf(review.addresseeId);
    requireIdle(a);
    if (review.decision !== 'accept' && review.decision !== 'return')
      throw new Error(`decision must be 'accept' or 'return', got ${JSON.stringify(review.decision)}`);
    if (a.status !== 'replied' || a.currentReplyId !== review.replyId)
      throw new Error(
        `reply ${review.replyId} is not the one awaiting review for ${a.name} (round ${a.round}, ${a.status}): refresh and decide again`,
      );
    if (review.decision === 'return' && isBlank(review.reasons))
      throw new Error('a returned reply needs the reasons: what is missing or insufficient');
    if (typeof review.reasons === 'string' && review.reasons.length > MAX_TEXT)
      throw new Error(`the reasons are longer than ${MAX_TEXT} characters`);
  };

  setHandler(
    submitReplyUpdate,
    async (reply: SubmitReplyInput): Promise<ReplyReceipt> => {
      checkReply(reply); // again: another decision may have landed since the validator ran
      const a = addresseeOf(reply.addresseeId);
      busy.add(a.personId);
      try {
        const onTime = Date.now() < a.workflowDeadline;
        const { view, record } = step('replied', {
          addresseeId: a.personId,
          round: a.round,
          by: a.personId,
          byName: a.name,
          replyId: reply.replyId,
          content: reply.content,
          onTime,
          deadline: a.deadline,
          dueDate: a.dueDate,
        });
        await interactive.recordNoticeStep(record);
        s.steps.push(view);
        a.status = 'replied';
        a.currentReplyId = reply.replyId;
        a.replies += 1;
        a.overdue = false;
        refreshOverdue();
        return {
          noticeId,
          replyId: reply.replyId,
          addresseeId: a.personId,
          round: a.round,
          receivedAt: view.at,
          deadline: a.deadline,
          onTime,
        };
      } finally {
        busy.delete(a.personId);
        wake += 1;
      }
    },
    { validator: checkReply, description: 'An addressee replies; the answer is the receipt.' },
  );

  setHandler(
    reviewReplyUpdate,
    async (review: ReviewReplyInput): Promise<ReviewResult> => {
      checkReview(review);
      const a = addresseeOf(review.addresseeId);
      busy.add(a.personId);
      try {
        if (review.decision === 'accept') {
          const { view, record } = step('accepted', {
            addresseeId: a.personId,
            round: a.round,
            by: review.reviewerId,
            byName: review.reviewerName,
            replyId: review.replyId,
            ...(review.reasons ? { reasons: review.reasons } : {}),
          });
          await interactive.recordNoticeStep(record);
          s.steps.push(view);
          a.status = 'accepted';
          finishIfAllAccepted();
          return {
            noticeId,
            addresseeId: a.personId,
            replyId: review.replyId,
            decision: 'accept',
            round: a.round,
            deadline: null,
            noticeStatus: s.status,
          };
        }
        const next = deadlineFrom(calendarNow());
        const { view, record } = step('returned', {
          addresseeId: a.personId,
          round: a.round + 1,
          by: review.reviewerId,
          byName: review.reviewerName,
          replyId: review.replyId,
          reasons: review.reasons ?? '',
          deadline: next.deadline,
          dueDate: next.dueDate,
        });
        await interactive.recordNoticeStep(record);
        s.steps.push(view);
        Object.assign(a, next, { status: 'awaitingReply', round: a.round + 1, currentReplyId: null });
        return {
          noticeId,
          addresseeId: a.personId,
          replyId: review.replyId,
          decision: 'return',
          round: a.round,
          deadline: a.deadline,
          noticeStatus: s.status,
        };
      } finally {
        busy.delete(a.personId);
        wake += 1;
      }
    },
    { validator: checkReview, description: 'The commission accepts a reply or returns it with reasons.' },
  );

  const checkWithdraw = (withdrawal: WithdrawNoticeInput): void => {
    if (typeof withdrawal !== 'object' || withdrawal === null) throw new Error('a withdrawal is required');
    requireOpen();
    if (!reviewers.has(withdrawal.byUnitId))
      throw new Error(
        `only the issuing commission (unit ${input.issuingUnitId}) or one above it withdraws ${where}`,
      );
    if (isBlank(withdrawal.reason)) throw new Error('a withdrawal needs its reason');
    if (isBlank(withdrawal.by) || isBlank(withdrawal.byName)) throw new Error('by and byName are required');
  };

  setHandler(
    withdrawNoticeUpdate,
    async (withdrawal: WithdrawNoticeInput): Promise<CopyNoticeState> => {
      checkWithdraw(withdrawal);
      const { view, record } = step('withdrawn', {
        addresseeId: null,
        round: 0,
        by: withdrawal.by,
        byName: withdrawal.byName,
        reasons: withdrawal.reason,
      });
      s.status = 'withdrawn'; // no reply slips in while the step is stored
      try {
        await interactive.recordNoticeStep(record);
      } catch (err) {
        s.status = 'open';
        throw err;
      } finally {
        wake += 1;
      }
      s.steps.push(view);
      for (const a of addressees) a.overdue = false;
      refreshOverdue();
      return state();
    },
    { validator: checkWithdraw, description: 'The commission withdraws the notice.' },
  );

  const state = (): CopyNoticeState => ({
    noticeId,
    workflowId,
    unitId: input.unitId,
    status: s.status,
    calendarNow: iso(calendarNow()),
    addressees: addressees.map(
      ({ workflowRemindAt: _r, remindedRound: _m, escalatedRound: _e, ...view }) => view,
    ),
    steps: [...s.steps].sort((x, y) => x.seq - y.seq),
    caseId: s.caseId,
    failedSideEffects: s.failedSideEffects,
  });
  setHandler(copyNoticeStateQuery, state);

  // ---- main loop ----

  /** Read through a function: handlers change the status while the loop awaits. */
  const isOpen = (): boolean => s.status === 'open';

  for (const a of addressees) {
    queueStep('issued', {
      addresseeId: a.personId,
      round: 1,
      by: null,
      deadline: a.deadline,
      dueDate: a.dueDate,
    });
  }
  for (;;) {
    applyDue();
    await drainPending();
    if (s.status !== 'open') {
      // A withdrawal whose step could not be stored reopens the notice: look again once it is done.
      await condition(allHandlersFinished);
      await drainPending();
      if (!isOpen()) break;
      continue;
    }
    const due = nextDue();
    const seen = wake;
    const now = Date.now();
    if (due === undefined) await condition(() => wake !== seen);
    else if (due > now) await condition(() => wake !== seen, due - now);
  }
  return { noticeId, status: s.status, steps: s.steps.length, caseId: s.caseId };
}

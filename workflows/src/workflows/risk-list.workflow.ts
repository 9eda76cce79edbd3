/**
 * The personal responsibility-risk list of one leader for one year (docs/domain.md "明责 Define"), id
 * `risk-list/<personId>/<year>`. The leader drafts the list in the lists service (claims, own
 * items, risk points, measures); this workflow owns the process: sign and submit, approve or
 * return with comments round after round, the define deadline's colours with reminders, escalation
 * of an overdue list to the leading org, and the lock after the deadline. People act through the
 * lists API, which sends updates; the handlers persist through the lists service's activities.
 *
 * Deterministic: time is the workflow clock; activities are known only by their types.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  log,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  WorkflowIdReusePolicy,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
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
import type { CalendarConfig, Compression, Timeline, WarningLevel } from '@dutychain/calendar';
import {
  approveRiskListUpdate,
  DEFAULT_LOCK_AFTER_DAYS,
  describeInputProblems,
  MAX_RISK_LIST_ROUNDS,
  returnRiskListUpdate,
  RISK_LIST_WORKFLOW_TYPE,
  riskListInputProblems,
  riskListSearchAttributes,
  riskListStateQuery,
  riskListWorkflowId,
  SEARCH_ATTRIBUTES,
  submitRiskListUpdate,
  TASK_QUEUES,
} from '@dutychain/temporal';
import type {
  ApproveRiskListInput,
  ApproverRef,
  ReturnRiskListInput,
  RiskListActivities,
  RiskListEvent,
  RiskListInput,
  RiskListNotification,
  RiskListReceipt,
  RiskListState,
  RiskListStatus,
  RiskListSummary,
  SubmissionReceipt,
  SubmitRiskListInput,
} from '@dutychain/temporal';

const MAX_LISTED = 50;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const iso = (instant: number): string => new Date(instant).toISOString();

/** Activities whose failure is the caller's answer (submission, decision): a few quick retries. */
function decisionActivities(taskQueue: string) {
  return proxyActivities<RiskListActivities>({
    taskQueue,
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumAttempts: 3 },
  });
}

/** Opening the list, notifications and status records: retried for a long while, never fatal. */
function backgroundActivities(taskQueue: string) {
  return proxyActivities<RiskListActivities>({
    taskQueue,
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes' },
  });
}

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
  const lockAfterDays = input.lockAfterDays ?? DEFAULT_LOCK_AFTER_DAYS;
  const calendarLockAt = define.deadline + lockAfterDays * DAY_MS;
  const at = {
    opens: toWorkflowTime(timeline, define.opensAt),
    yellow: toWorkflowTime(timeline, define.yellowAt),
    deadline: toWorkflowTime(timeline, define.deadline),
    lock: toWorkflowTime(timeline, calendarLockAt),
  };
  const escalationRepeat = toWorkflowDuration(timeline, calendar.escalationRepeatMs);
  const calendarNow = (): string => iso(toCalendarTime(timeline, Date.now()));
  const localDate = (): string =>
    iso(toCalendarTime(timeline, Date.now()) + calendar.utcOffsetMinutes * 60_000).slice(0, 10);

  const s = {
    listId: null as string | null,
    status: 'draft' as RiskListStatus,
    round: 1,
    approver: null as ApproverRef | null,
    warning: 'blue' as WarningLevel,
    overdue: false,
    reminders: 0,
    escalations: 0,
    lastEscalationAt: null as number | null,
    history: [] as RiskListEvent[],
    failedSideEffects: [] as string[],
    pending: [] as RiskListNotification[],
    /** A handler is between its validator and its last activity: other decisions wait their turn. */
    busy: false,
  };
  let wake = 0;

  const event = (
    kind: RiskListEvent['kind'],
    by: string | null,
    extra: Partial<RiskListEvent> = {},
  ): void => {
    s.history.push({
      kind,
      round: s.round,
      by,
      at: calendarNow(),
      comment: null,
      contentHash: null,
      ...extra,
    });
    wake += 1;
  };

  const setOverdue = (overdue: boolean): void => {
    if (s.overdue === overdue) return;
    s.overdue = overdue;
    upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.overdue, value: overdue }]);
  };

  const finished = (): boolean => s.status === 'approved' || s.status === 'locked';

  // ---- calendar: colours, reminders, escalation, lock ----

  const notification = (
    kind: RiskListNotification['kind'],
    level: WarningLevel,
    suffix: string,
    occurrence: number,
  ): RiskListNotification => {
    // While the list waits for its approver, reminders go to the approver; otherwise to the leader.
    const waitingForApprover = s.status === 'submitted' && s.approver !== null;
    return {
      key: `${workflowId}/${suffix}`,
      kind,
      level,
      workflowId,
      listId: s.listId ?? '',
      personId,
      year,
      unitId,
      recipientPersonId:
        kind === 'reminder' ? (waitingForApprover ? (s.approver?.personId ?? personId) : personId) : null,
      recipientUnitId: kind === 'escalation' ? (input.leadingOrgId ?? unitId) : null,
      deadline: iso(define.deadline),
      occurrence,
    };
  };

  const applyDue = (): void => {
    if (finished()) return;
    const now = Date.now();
    if (now >= at.lock) {
      if (s.busy) return; // lock once the decision in flight has been taken
      s.status = 'locked';
      event('locked', null);
      setOverdue(true);
      return;
    }
    if (s.warning === 'blue' && now >= at.yellow && now < at.deadline) {
      s.warning = 'yellow';
      s.reminders += 1;
      s.pending.push(notification('reminder', 'yellow', 'yellow', 1));
    }
    if (s.warning !== 'red' && now >= at.deadline) {
      s.warning = 'red';
      s.reminders += 1;
      s.escalations += 1;
      s.lastEscalationAt = now;
      setOverdue(true);
      s.pending.push(notification('reminder', 'red', 'red', 1));
      s.pending.push(notification('escalation', 'red', 'escalation/1', 1));
    } else if (
      s.warning === 'red' &&
      escalationRepeat > 0 &&
      s.lastEscalationAt !== null &&
      now >= s.lastEscalationAt + escalationRepeat
    ) {
      s.escalations += 1;
      s.lastEscalationAt = now;
      s.pending.push(notification('escalation', 'red', `escalation/${s.escalations}`, s.escalations));
    }
  };

  const nextDue = (): number => {
    if (finished()) return at.lock;
    if (s.warning === 'blue') return Math.min(at.yellow < at.deadline ? at.yellow : at.deadline, at.lock);
    if (s.warning === 'yellow') return Math.min(at.deadline, at.lock);
    const repeat =
      escalationRepeat > 0 && s.lastEscalationAt !== null ? s.lastEscalationAt + escalationRepeat : at.lock;
    return Math.min(repeat, at.lock);
  };

  const drainPending = async (): Promise<void> => {
    while (s.pending.length > 0) {
      const item = s.pending[0];
      if (!item) break;
      try {
        await background.notifyRiskList({ ...item, listId: s.listId ?? item.listId });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        log.warn('risk-list notification failed', { workflowId, key: item.key, message });
        s.failedSideEffects.push(`${item.kind}: ${message}`);
        if (s.failedSideEffects.length > MAX_LISTED) s.failedSideEffects.shift();
      }
      s.pending.shift();
    }
  };

  // ---- handlers ----

  const receipt = (signature: SubmissionReceipt | null = null): RiskListReceipt => ({
    listId: s.listId ?? '',
    status: s.status,
    round: s.round,
    approver: s.approver,
    signature,
    history: s.history,
  });

  const where = `the risk list of '${personId}' for ${year}`;
  /** Refusals every decision shares: the list must be open, not locked, not mid-decision. */
  const refuseUnlessOpen = (): void => {
    if (s.listId === null) throw new Error(`${where} is still opening; try again in a moment`);
    if (s.status === 'locked' || Date.now() >= at.lock) {
      throw new Error(`${where} is locked since ${iso(calendarLockAt)} (the deadline lock): no more changes`);
    }
    if (s.busy) throw new Error(`${where} is taking another decision; try again in a moment`);
  };
  const refuseUnlessApprover = (approverId: unknown): void => {
    if (typeof approverId !== 'string' || approverId === '') throw new Error('approverId is required');
    if (approverId === personId) throw new Error(`nobody approves their own list: ${where} is yours`);
    if (s.status === 'approved') {
      const approved = [...s.history].reverse().find((e) => e.kind === 'approved');
      throw new Error(`${where} is already approved (by ${approved?.by ?? '?'} on ${approved?.at ?? '?'})`);
    }
    if (s.status !== 'submitted')
      throw new Error(`${where} is ${s.status}, not submitted: nothing to decide`);
    if (s.approver === null) {
      throw new Error(
        `the org directory names no approver for ${where}; the committee must fill the post first`,
      );
    }
    if (approverId !== s.approver.personId) {
      throw new Error(
        `only ${s.approver.name} (${s.approver.personId}, ${s.approver.rule}) approves ${where}, not ${approverId}`,
      );
    }
  };

  setHandler(riskListStateQuery, (): RiskListState => ({
    workflowId,
    personId,
    year,
    unitId,
    leadingOrgId: input.leadingOrgId,
    listId: s.listId,
    status: s.status,
    round: s.round,
    approver: s.approver,
    warning: s.warning,
    overdue: s.overdue,
    reminders: s.reminders,
    escalations: s.escalations,
    calendarNow: calendarNow(),
    opensAt: iso(define.opensAt),
    yellowAt: iso(define.yellowAt),
    deadline: iso(define.deadline),
    lockAt: iso(calendarLockAt),
    workflowYellowAt: at.yellow,
    workflowDeadline: at.deadline,
    workflowLockAt: at.lock,
    history: s.history,
    failedSideEffects: s.failedSideEffects,
  }));

  setHandler(
    submitRiskListUpdate,
    async (submission: SubmitRiskListInput): Promise<RiskListReceipt> => {
      s.busy = true;
      try {
        const listId = s.listId ?? '';
        const approver = await decisions.resolveApprover({ personId, unitId, on: localDate() });
        const signature = await decisions.recordSubmission({
          workflowId,
          listId,
          round: s.round,
          signerId: submission.signerId,
          contentHash: submission.contentHash,
          signedAt: calendarNow(),
          approverId: approver?.personId ?? null,
        });
        s.approver = approver;
        s.status = 'submitted';
        event('submitted', submission.signerId, { contentHash: signature.contentHash });
        return receipt(signature);
      } finally {
        s.busy = false;
        wake += 1;
      }
    },
    {
      description: 'The leader signs and submits the list (again after a return).',
      validator: (submission: SubmitRiskListInput): void => {
        if (typeof submission !== 'object' || submission === null)
          throw new Error('a submission is required');
        refuseUnlessOpen();
        if (submission.signerId !== personId) {
          throw new Error(`nobody signs someone else's list: ${where} is signed by ${personId} only`);
        }
        if (s.status === 'submitted')
          throw new Error(`${where} is already submitted and waits for its approver`);
        if (s.status === 'approved') throw new Error(`${where} is already approved`);
        if (typeof submission.contentHash !== 'string' || !SHA256_HEX.test(submission.contentHash)) {
          throw new Error('contentHash must be the sha256 (64 hex digits) of the list as signed');
        }
      },
    },
  );

  setHandler(
    approveRiskListUpdate,
    async (decision: ApproveRiskListInput): Promise<RiskListReceipt> => {
      s.busy = true;
      try {
        const comment = decision.comment ?? null;
        await decisions.recordDecision({
          workflowId,
          listId: s.listId ?? '',
          round: s.round,
          decision: 'approve',
          approverId: decision.approverId,
          comment,
          at: calendarNow(),
        });
        s.status = 'approved';
        setOverdue(false);
        event('approved', decision.approverId, { comment });
        return receipt();
      } finally {
        s.busy = false;
        wake += 1;
      }
    },
    {
      description: 'The approver approves the submitted list (审核认定).',
      validator: (decision: ApproveRiskListInput): void => {
        if (typeof decision !== 'object' || decision === null) throw new Error('a decision is required');
        refuseUnlessOpen();
        refuseUnlessApprover(decision.approverId);
      },
    },
  );

  setHandler(
    returnRiskListUpdate,
    async (decision: ReturnRiskListInput): Promise<RiskListReceipt> => {
      s.busy = true;
      try {
        await decisions.recordDecision({
          workflowId,
          listId: s.listId ?? '',
          round: s.round,
          decision: 'return',
          approverId: decision.approverId,
          comment: decision.comment,
          at: calendarNow(),
        });
        s.status = 'returned';
        event('returned', decision.approverId, { comment: decision.comment });
        s.round += 1;
        return receipt();
      } finally {
        s.busy = false;
        wake += 1;
      }
    },
    {
      description: 'The approver returns the list with comments; the leader revises and resubmits.',
      validator: (decision: ReturnRiskListInput): void => {
        if (typeof decision !== 'object' || decision === null) throw new Error('a decision is required');
        refuseUnlessOpen();
        refuseUnlessApprover(decision.approverId);
        if (typeof decision.comment !== 'string' || decision.comment.trim() === '') {
          throw new Error('a returned list needs comments: say what to change');
        }
        if (s.round >= MAX_RISK_LIST_ROUNDS) {
          throw new Error(`${where} has been returned ${s.round} times; approve it or settle it in person`);
        }
      },
    },
  );

  // ---- main loop ----

  upsertSearchAttributes(riskListSearchAttributes(input));
  const opened = await background.openRiskList({ workflowId, personId, unitId, year });
  s.listId = opened.listId;
  // A list carried over from an earlier (failed or reset) run keeps its stored status.
  s.status = opened.status;
  s.round = opened.round;
  event('opened', null);

  for (;;) {
    applyDue();
    await drainPending();
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
    if (now >= at.lock) {
      if (finished()) break; // approved, and past the lock: nothing more to decide
      await condition(() => !s.busy);
      continue;
    }
    const seen = wake;
    await condition(() => wake !== seen, Math.max(1, nextDue() - now));
  }
  await condition(allHandlersFinished);
  return { personId, year, status: s.status, rounds: s.round, history: s.history };
}

// ---- for the yearly cycle's define phase ----

export interface StartRiskListsInput {
  unitId: string;
  year: number;
  level: string;
  leadingOrgId: string | null;
  ancestors: string[];
  /** YYYY-MM-DD whose team is meant (the cycle's calendar "today"). */
  on: string;
  listsTaskQueue?: string;
  calendar?: CalendarConfig;
  compression?: Compression | null;
  timeline?: Timeline | null;
  lockAfterDays?: number;
}

/**
 * Starts the risk-list workflow of every member of a unit's team (call it from a workflow, e.g.
 * the yearly cycle's define phase). Idempotent: lists already started are counted, not restarted.
 * Lists outlive the caller (ParentClosePolicy.ABANDON).
 */
export async function startRiskListsForUnit(
  args: StartRiskListsInput,
): Promise<{ started: number; alreadyRunning: number }> {
  const directory = backgroundActivities(args.listsTaskQueue ?? TASK_QUEUES.lists);
  const members = await directory.listTeamMembers({ unitId: args.unitId, on: args.on });
  let started = 0;
  let alreadyRunning = 0;
  await Promise.all(
    members.map(async (member) => {
      const listInput: RiskListInput = {
        personId: member.personId,
        year: args.year,
        unitId: args.unitId,
        level: args.level,
        leadingOrgId: args.leadingOrgId,
        ancestors: args.ancestors,
        listsTaskQueue: args.listsTaskQueue,
        calendar: args.calendar,
        compression: args.compression ?? null,
        timeline: args.timeline ?? null,
        lockAfterDays: args.lockAfterDays,
      };
      try {
        await startChild(RISK_LIST_WORKFLOW_TYPE, {
          workflowId: riskListWorkflowId(member.personId, args.year),
          args: [listInput],
          parentClosePolicy: ParentClosePolicy.ABANDON,
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          typedSearchAttributes: riskListSearchAttributes(listInput),
        });
        started += 1;
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        alreadyRunning += 1;
      }
    }),
  );
  return { started, alreadyRunning };
}

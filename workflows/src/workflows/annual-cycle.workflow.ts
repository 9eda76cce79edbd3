/**
 * The yearly cycle of one unit (docs/domain.md "The yearly cycle"): one workflow per unit per year, id
 * `cycle/<unitId>/<year>`. It walks the phases on the deployment calendar with durable timers
 * (compressed for demos and tests), colours every deadline blue → yellow → red with reminders and
 * escalation, takes human decisions as updates, starts the cycles of the level below in batches,
 * aggregates their phases, and continues as new when its history grows.
 *
 * Deterministic: time comes from the workflow clock (Date.now() is replayed), no randomness, and
 * activities are known only by their types.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  getExternalWorkflowHandle,
  log,
  makeContinueAsNewFunc,
  ParentClosePolicy,
  patched,
  proxyActivities,
  proxyLocalActivities,
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
  DEFAULT_CALENDAR,
  formatLocal,
  isPhase,
  PHASES,
  phaseIndex,
  toCalendarTime,
  toWorkflowDuration,
  toWorkflowTime,
  realTimeline,
} from '@dutychain/calendar';
import type { ActivePhase, CycleCalendar, Phase, PhaseDeadline, Timeline } from '@dutychain/calendar';
import {
  acknowledgeWarningSignal,
  ANNUAL_CYCLE_WORKFLOW_TYPE,
  childPhaseChangedSignal,
  confirmPhaseClosedUpdate,
  cycleSearchAttributes,
  cycleInputProblems,
  cycleStateQuery,
  cycleWorkflowId,
  describeInputProblems,
  publishTaskListUpdate,
  SEARCH_ATTRIBUTES,
} from '@dutychain/temporal';
import type {
  AnnualCycleInput,
  CarriedCycleState,
  ChildPhaseChangedInput,
  ChildrenSummary,
  ChildUnitRef,
  ConfirmPhaseClosedInput,
  CycleActivities,
  CycleSideEffect,
  CycleState,
  CycleSummary,
  DecisionResult,
  ChildCycleTemplate,
  PhaseChangeReason,
  PhaseWarning,
  PublishTaskListInput,
} from '@dutychain/temporal';
import { drainSideEffects } from './shared/side-effect-queue';

export const DEFAULT_BATCH_SIZE = 100;
export const DEFAULT_MAX_HISTORY_EVENTS = 10_000;
const MAX_LISTED = 50;
/** A closed cycle waits this long (calendar time) for its children to close before it completes. */
export const CHILDREN_GRACE_MS = 30 * 86_400_000;

/** Reminders, escalations and records: retried for a while, then logged in the state, never fatal. */
const notifications = proxyActivities<CycleActivities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    maximumAttempts: 10,
  },
});
/** The org directory must answer for the cascade to go on: retried until it does. */
const directory = proxyActivities<CycleActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/**
 * Since CYCLE_FAST_START the phase-change record is a local activity, run inside the workflow task
 * that asks for it (the cycles worker hosts both): no round trip through the server per change.
 */
const localNotifications = proxyLocalActivities<CycleActivities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    maximumAttempts: 10,
  },
});
/**
 * Starting a page of children: many client starts, so a regular activity, retried until it
 * succeeds. It heartbeats after each child: an attempt stuck on an overloaded server is retried
 * after 30 s instead of holding its part of the tree until the 5-minute timeout.
 */
const cascadeStarter = proxyActivities<CycleActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/**
 * Patch id of the cheaper start (see README, "Changing the code of running cycles"): children are
 * started first, by one activity per page as client starts (not child workflows), which also
 * records their start; bottom-level units skip the directory; the parent counts a child as in
 * 'define' from its start instead of waiting for a first report; records are local activities and
 * start attributes are not set twice. Runs started before it replay the old path.
 */
export const CYCLE_FAST_START = 'cycle-fast-start';

/** Patch id: the define phase starts the personal risk-list workflow of every team member. */
export const CYCLE_RISK_LISTS = 'cycle-risk-lists';

/** Reading the team and starting its lists, inside the workflow task (a few calls at most). */
const localRiskLists = proxyLocalActivities<CycleActivities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 10,
  },
});

const iso = (instant: number): string => new Date(instant).toISOString();

function nextPhase(phase: Phase): Phase {
  return PHASES[Math.min(phaseIndex(phase) + 1, PHASES.length - 1)] ?? 'closed';
}

interface WorkflowDeadline {
  entry: PhaseDeadline;
  opensAt: number;
  yellowAt: number;
  deadline: number;
}

export async function annualCycle(input: AnnualCycleInput): Promise<CycleSummary> {
  const problems = cycleInputProblems(input);
  if (problems.length > 0) {
    throw ApplicationFailure.nonRetryable(
      `invalid cycle input: ${describeInputProblems(problems)}`,
      'InvalidCycleInput',
    );
  }
  const { unitId, year } = input;
  const info = workflowInfo();
  const workflowId = info.workflowId;
  const calendarConfig = input.calendar ?? DEFAULT_CALENDAR;
  const calendar: CycleCalendar = cycleCalendar(year, calendarConfig);
  const timeline: Timeline =
    input.carried?.timeline ??
    input.timeline ??
    (input.compression
      ? compressedTimeline(calendar, Date.now(), input.compression)
      : realTimeline(calendar));
  const confirmer = input.leadingOrgId ?? unitId;
  const cascadeEnabled = input.cascade?.enabled ?? true;
  const batchSize = input.cascade?.batchSize ?? DEFAULT_BATCH_SIZE;
  const maxHistoryEvents = input.maxHistoryEvents ?? DEFAULT_MAX_HISTORY_EVENTS;
  const escalationRepeat = toWorkflowDuration(timeline, calendar.escalationRepeatMs);

  const deadlines = new Map<ActivePhase, WorkflowDeadline>(
    calendar.phases.map((entry) => [
      entry.phase,
      {
        entry,
        opensAt: toWorkflowTime(timeline, entry.opensAt),
        yellowAt: toWorkflowTime(timeline, entry.yellowAt),
        deadline: toWorkflowTime(timeline, entry.deadline),
      },
    ]),
  );
  const deadlineOf = (phase: ActivePhase): WorkflowDeadline => {
    const found = deadlines.get(phase);
    if (!found) throw ApplicationFailure.nonRetryable(`no deadline for phase ${phase}`);
    return found;
  };

  const firstRun = !input.carried;
  const fastStart = patched(CYCLE_FAST_START);
  const recorder = fastStart ? localNotifications : notifications;
  const riskListsEnabled = patched(CYCLE_RISK_LISTS);
  const s: CarriedCycleState = input.carried ?? {
    timeline,
    phase: 'define',
    status: 'waiting',
    overdue: false,
    history: [],
    warnings: {},
    lastEscalationAt: null,
    taskList: null,
    cascade: { cursor: null, done: !cascadeEnabled, started: 0, alreadyRunning: 0 },
    children: {},
    seq: 0,
    runs: 1,
    failedSideEffects: [],
    pending: [],
  };
  /** Bumped by every handler: wakes the main loop. */
  let wake = 0;
  /**
   * History length of the workflow task that last completed an update. The cycle never continues
   * as new in that same task, so an update's result always comes back from the run that took it
   * (the time-skipping test server loses the result otherwise).
   */
  let updateTaskAt = -1;

  // ---- state changes (synchronous; side effects are queued in s.pending) ----

  const searchAttributes = () =>
    cycleSearchAttributes({
      unitId,
      ancestors: input.ancestors,
      level: input.level,
      year,
      phase: s.phase,
      overdue: s.overdue,
    });

  const reportToParent = (): void => {
    if (!input.parentWorkflowId) return;
    s.seq += 1;
    s.pending.push({
      kind: 'reportToParent',
      input: { unitId, phase: s.phase, overdue: s.overdue, seq: s.seq },
    });
  };

  const setOverdue = (overdue: boolean): void => {
    if (s.overdue === overdue) return;
    s.overdue = overdue;
    upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.overdue, value: overdue }]);
  };

  const warningOf = (phase: ActivePhase): PhaseWarning => {
    const existing = s.warnings[phase];
    if (existing) return existing;
    const created: PhaseWarning = {
      level: 'blue',
      since: null,
      reminders: 0,
      escalations: 0,
      acknowledgedBy: [],
    };
    s.warnings[phase] = created;
    return created;
  };

  const moveTo = (to: Phase, by: string | null, reason: PhaseChangeReason): void => {
    // A fast-start parent has recorded this start and counts the child as in 'define' already.
    const parentKnows = fastStart && reason === 'cycleStarted' && input.startRecordedByParent === true;
    const now = Date.now();
    const from = firstRun && s.history.length === 0 ? null : s.phase;
    s.phase = to;
    s.status = to === 'closed' ? 'done' : now >= deadlineOf(to).opensAt ? 'open' : 'waiting';
    s.lastEscalationAt = null;
    if (to !== 'closed' && s.status === 'open') warningOf(to);
    const at = iso(toCalendarTime(timeline, now));
    s.history.push({ from, to, at, workflowTime: now, by, reason });
    s.overdue = false;
    // At the start the attributes came with the start request (see upsertMissingAttributes).
    if (!(fastStart && reason === 'cycleStarted')) {
      upsertSearchAttributes([
        { key: SEARCH_ATTRIBUTES.phase, value: to },
        { key: SEARCH_ATTRIBUTES.overdue, value: false },
      ]);
    }
    if (!parentKnows) {
      s.pending.push({
        kind: 'record',
        input: { unitId, year, workflowId, key: `${workflowId}/phase/${to}`, from, to, at, by, reason },
      });
      reportToParent();
    }
    log.info('cycle phase changed', { workflowId, from, to, reason });
    wake += 1;
  };

  /** Applies whatever the calendar says is due now: openings, colours, automatic closes. */
  const applyDue = (): void => {
    for (;;) {
      if (s.phase === 'closed') return;
      const now = Date.now();
      const d = deadlineOf(s.phase);
      if (s.status === 'waiting') {
        if (now < d.opensAt) return;
        s.status = 'open';
        warningOf(s.phase);
        wake += 1;
      }
      if (d.entry.closedBy === 'deadline' && now >= d.deadline) {
        moveTo(nextPhase(s.phase), null, 'deadlineReached');
        continue;
      }
      const phase: ActivePhase = s.phase;
      const w = warningOf(phase);
      const ref = { unitId, year, workflowId, phase, deadline: iso(d.entry.deadline) };
      const calendarNow = iso(toCalendarTime(timeline, now));
      if (w.level === 'blue' && now >= d.yellowAt && now < d.deadline) {
        w.level = 'yellow';
        w.since = calendarNow;
        w.reminders += 1;
        s.pending.push({
          kind: 'remind',
          input: { ...ref, key: `${workflowId}/${phase}/yellow`, level: 'yellow' },
        });
      }
      if (w.level !== 'red' && now >= d.deadline) {
        w.level = 'red';
        w.since = calendarNow;
        w.reminders += 1;
        w.escalations += 1;
        s.lastEscalationAt = now;
        setOverdue(true);
        reportToParent();
        s.pending.push({
          kind: 'remind',
          input: { ...ref, key: `${workflowId}/${phase}/red`, level: 'red' },
        });
        s.pending.push({
          kind: 'escalate',
          input: {
            ...ref,
            key: `${workflowId}/${phase}/escalation/1`,
            leadingOrgId: input.leadingOrgId,
            occurrence: 1,
          },
        });
      } else if (
        w.level === 'red' &&
        escalationRepeat > 0 &&
        s.lastEscalationAt !== null &&
        now >= s.lastEscalationAt + escalationRepeat
      ) {
        w.escalations += 1;
        s.lastEscalationAt = now;
        s.pending.push({
          kind: 'escalate',
          input: {
            ...ref,
            key: `${workflowId}/${phase}/escalation/${w.escalations}`,
            leadingOrgId: input.leadingOrgId,
            occurrence: w.escalations,
          },
        });
      }
      return;
    }
  };

  /** Workflow time of the next calendar event for the current phase, if any. */
  const nextDue = (): number | undefined => {
    if (s.phase === 'closed') return undefined;
    const d = deadlineOf(s.phase);
    if (s.status === 'waiting') return d.opensAt;
    const w = warningOf(s.phase);
    if (d.entry.closedBy === 'deadline')
      return w.level === 'blue' && d.yellowAt < d.deadline ? d.yellowAt : d.deadline;
    if (w.level === 'blue') return d.yellowAt < d.deadline ? d.yellowAt : d.deadline;
    if (w.level === 'yellow') return d.deadline;
    return escalationRepeat > 0 && s.lastEscalationAt !== null
      ? s.lastEscalationAt + escalationRepeat
      : undefined;
  };

  // ---- side effects ----

  const perform = async (effect: CycleSideEffect): Promise<void> => {
    switch (effect.kind) {
      case 'remind':
        return notifications.notifyConcerned(effect.input);
      case 'escalate':
        return notifications.escalateToLeadingOrg(effect.input);
      case 'record':
        return recorder.recordPhaseChange(effect.input);
      case 'reportToParent':
        if (!input.parentWorkflowId) return;
        return getExternalWorkflowHandle(input.parentWorkflowId).signal(
          childPhaseChangedSignal,
          effect.input,
        );
    }
  };

  // A parent that has already closed, or a notification channel down for hours, must not stop the
  // cycle: a failed side effect leaves a trace for ops instead.
  const drainPending = (): Promise<void> =>
    drainSideEffects(s.pending, s.failedSideEffects, perform, { workflow: 'cycle', workflowId });

  // ---- cascade ----

  const childTemplate = (): ChildCycleTemplate => ({
    year,
    leadingOrgId: unitId,
    ancestors: [...input.ancestors, unitId],
    parentWorkflowId: workflowId,
    calendar: calendarConfig,
    compression: input.compression ?? null,
    timeline,
    cascade: input.cascade,
    maxHistoryEvents: input.maxHistoryEvents,
  });

  /** The original cascade (runs started before CYCLE_FAST_START): children as child workflows. */
  const startChildCycle = async (child: ChildUnitRef): Promise<void> => {
    const childInput: AnnualCycleInput = { ...childTemplate(), unitId: child.unitId, level: child.level };
    try {
      await startChild(ANNUAL_CYCLE_WORKFLOW_TYPE, {
        workflowId: cycleWorkflowId(child.unitId, year),
        args: [childInput],
        // Children outlive this run: it continues as new, and a unit's cycle is its own.
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        typedSearchAttributes: cycleSearchAttributes({
          unitId: child.unitId,
          ancestors: childInput.ancestors,
          level: child.level,
          year,
          phase: 'define',
          overdue: false,
        }),
      });
      s.cascade.started += 1;
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      s.cascade.alreadyRunning += 1; // started by an earlier run, or by hand: harmless
    }
    s.children[child.unitId] ??= { phase: null, overdue: false, seq: -1 };
  };

  const cascadeBatch = async (): Promise<void> => {
    if (fastStart) {
      // One activity per page starts the children as client starts and records their start.
      const result = await cascadeStarter.startChildCycles({
        unitId,
        year,
        cursor: s.cascade.cursor,
        limit: batchSize,
        taskQueue: info.taskQueue,
        startedAt: iso(toCalendarTime(timeline, Date.now())),
        template: childTemplate(),
      });
      for (const childId of result.started) {
        s.cascade.started += 1;
        // In 'define' from its start; seq 0, so its first report (seq 1) is newer.
        s.children[childId] ??= { phase: 'define', overdue: false, seq: 0 };
      }
      for (const childId of result.alreadyRunning) {
        s.cascade.alreadyRunning += 1; // started by hand or by another run: known when it reports
        s.children[childId] ??= { phase: null, overdue: false, seq: -1 };
      }
      s.cascade.cursor = result.nextCursor;
      s.cascade.done = result.nextCursor === null;
      wake += 1;
      return;
    }
    const page = await directory.listChildUnits({
      unitId,
      year,
      cursor: s.cascade.cursor,
      limit: batchSize,
    });
    await Promise.all(page.units.map(startChildCycle));
    s.cascade.cursor = page.nextCursor;
    s.cascade.done = page.nextCursor === null;
    wake += 1;
  };

  /** Define: every team member's personal risk list, once per cycle; a failure is traced, not fatal. */
  const startTeamRiskLists = async (): Promise<void> => {
    try {
      const result = await localRiskLists.startRiskLists({
        unitId,
        year,
        level: input.level,
        leadingOrgId: input.leadingOrgId,
        ancestors: input.ancestors,
        // The deployment's local date (1 January in Beijing is still 31 December in UTC).
        onDate: formatLocal(toCalendarTime(timeline, Date.now()), calendar.utcOffsetMinutes).slice(0, 10),
        taskQueue: info.taskQueue,
        calendar: input.calendar,
        timeline,
      });
      s.riskLists = { personIds: result.personIds.length, failed: false };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      log.warn('starting the team risk lists failed', { workflowId, message });
      s.failedSideEffects.push(`start risk lists: ${message}`);
      if (s.failedSideEffects.length > MAX_LISTED) s.failedSideEffects.shift();
      s.riskLists = { personIds: 0, failed: true };
    }
    wake += 1;
  };

  // ---- views ----

  const childrenSummary = (): ChildrenSummary => {
    const byPhase = Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>;
    let overdue = 0;
    let reporting = 0;
    for (const child of Object.values(s.children)) {
      if (child.phase === null) continue;
      reporting += 1;
      byPhase[child.phase] += 1;
      if (child.overdue) overdue += 1;
    }
    return {
      started: s.cascade.started + s.cascade.alreadyRunning,
      reporting,
      byPhase,
      overdue,
      cascadeDone: s.cascade.done,
    };
  };

  const decisionResult = (): DecisionResult => ({ phase: s.phase, status: s.status, history: s.history });

  // ---- handlers ----

  setHandler(cycleStateQuery, (): CycleState => {
    const now = Date.now();
    return {
      workflowId,
      unitId,
      year,
      level: input.level,
      leadingOrgId: input.leadingOrgId,
      phase: s.phase,
      status: s.status,
      overdue: s.overdue,
      warning: s.phase === 'closed' ? 'blue' : (s.warnings[s.phase]?.level ?? 'blue'),
      calendarNow: iso(toCalendarTime(timeline, now)),
      deadlines: calendar.phases.map((p) => ({
        phase: p.phase,
        opensAt: iso(p.opensAt),
        yellowAt: iso(p.yellowAt),
        deadline: iso(p.deadline),
        closedBy: p.closedBy,
        workflowOpensAt: deadlineOf(p.phase).opensAt,
        workflowYellowAt: deadlineOf(p.phase).yellowAt,
        workflowDeadline: deadlineOf(p.phase).deadline,
      })),
      warnings: s.warnings,
      history: s.history,
      taskList: s.taskList,
      riskLists: s.riskLists?.personIds ?? null,
      children: childrenSummary(),
      runs: s.runs,
      failedSideEffects: s.failedSideEffects,
    };
  });

  const where = `the cycle of unit '${unitId}' for ${year}`;

  setHandler(
    publishTaskListUpdate,
    (decision: PublishTaskListInput): Promise<DecisionResult> => {
      updateTaskAt = workflowInfo().historyLength;
      s.taskList = {
        taskListId: decision.taskListId,
        itemCount: decision.itemCount,
        publishedBy: decision.publishedBy,
      };
      moveTo('perform', decision.publishedBy, 'taskListPublished');
      applyDue();
      return Promise.resolve(decisionResult());
    },
    {
      description: 'The committee publishes its task list; closes define.',
      validator: (decision: PublishTaskListInput): void => {
        if (typeof decision !== 'object' || decision === null)
          throw new Error('a task list publication is required');
        if (s.phase !== 'define') {
          throw new Error(`publishing the task list closes 'define', but ${where} is in phase '${s.phase}'`);
        }
        if (s.status !== 'open') {
          throw new Error(
            `'define' of ${where} opens on ${iso(deadlineOf('define').entry.opensAt)}; publish after that`,
          );
        }
        if (typeof decision.taskListId !== 'string' || decision.taskListId.trim() === '') {
          throw new Error('taskListId must be the id of the published task list');
        }
        if (!Number.isInteger(decision.itemCount) || decision.itemCount < 1) {
          throw new Error(
            `itemCount must be a positive integer: a task list without items cannot close 'define' (got ${JSON.stringify(decision.itemCount)})`,
          );
        }
        if (typeof decision.publishedBy !== 'string' || decision.publishedBy.trim() === '') {
          throw new Error('publishedBy must be the id of the person publishing');
        }
      },
    },
  );

  setHandler(
    confirmPhaseClosedUpdate,
    (decision: ConfirmPhaseClosedInput): Promise<DecisionResult> => {
      updateTaskAt = workflowInfo().historyLength;
      moveTo(nextPhase(s.phase), decision.confirmedBy, 'confirmedByLeadingOrg');
      applyDue();
      return Promise.resolve(decisionResult());
    },
    {
      description: 'The leading org confirms the current phase is closed.',
      validator: (decision: ConfirmPhaseClosedInput): void => {
        if (typeof decision !== 'object' || decision === null) throw new Error('a confirmation is required');
        if (!isPhase(decision.phase)) {
          throw new Error(`phase must be one of ${PHASES.join(', ')}, got ${JSON.stringify(decision.phase)}`);
        }
        if (s.phase === 'closed') throw new Error(`${where} is already closed`);
        if (decision.phase !== s.phase) {
          throw new Error(
            `${where} is in phase '${s.phase}', not '${decision.phase}': refresh and decide again`,
          );
        }
        const d = deadlineOf(s.phase);
        if (d.entry.closedBy === 'taskListPublished') {
          throw new Error(
            `'${s.phase}' closes when the committee publishes its task list (update publishTaskList), not by confirmation`,
          );
        }
        if (d.entry.closedBy === 'deadline') {
          throw new Error(`'${s.phase}' closes by itself at its deadline, ${iso(d.entry.deadline)}`);
        }
        if (s.status !== 'open') {
          throw new Error(
            `'${s.phase}' of ${where} has not opened yet (opens ${iso(d.entry.opensAt)}): it cannot be closed before it starts`,
          );
        }
        if (decision.confirmedBy !== confirmer) {
          throw new Error(
            `only the leading org '${confirmer}' may close a phase of unit '${unitId}', not ${JSON.stringify(decision.confirmedBy)}`,
          );
        }
      },
    },
  );

  setHandler(acknowledgeWarningSignal, ({ phase, by }) => {
    const w = s.warnings[phase];
    if (
      !w ||
      typeof by !== 'string' ||
      w.acknowledgedBy.includes(by) ||
      w.acknowledgedBy.length >= MAX_LISTED
    )
      return;
    w.acknowledgedBy.push(by);
  });

  setHandler(childPhaseChangedSignal, (report: ChildPhaseChangedInput) => {
    if (typeof report?.unitId !== 'string' || !isPhase(report.phase) || !Number.isInteger(report.seq)) {
      log.warn('ignored a malformed child report', { workflowId });
      return;
    }
    const known = s.children[report.unitId];
    if (known && known.seq >= report.seq) return; // an older report arriving late
    s.children[report.unitId] = { phase: report.phase, overdue: report.overdue === true, seq: report.seq };
    wake += 1; // lets the main loop look at the history length
  });

  /**
   * Client and parent starts carry every attribute already; setting them again costs the server a
   * visibility write per unit. Only what a start left out (or set differently) is upserted.
   */
  function upsertMissingAttributes(): void {
    const present = workflowInfo().typedSearchAttributes;
    const missing = searchAttributes().filter((pair) => {
      const value: unknown = present.get(pair.key);
      return JSON.stringify(value) !== JSON.stringify(pair.value);
    });
    if (missing.length > 0) upsertSearchAttributes(missing);
  }

  // ---- main loop ----

  const shouldContinueAsNew = (): boolean => {
    const current = workflowInfo();
    if (current.historyLength === updateTaskAt) return false;
    return current.continueAsNewSuggested || current.historyLength >= maxHistoryEvents;
  };

  if (firstRun) {
    if (fastStart) upsertMissingAttributes();
    else upsertSearchAttributes(searchAttributes());
    moveTo('define', null, 'cycleStarted');
  }

  for (;;) {
    applyDue();
    if (fastStart && !s.cascade.done && s.phase !== 'closed' && !shouldContinueAsNew()) {
      // The level below waits for nothing here: start it before this unit's own records.
      await cascadeBatch();
      continue;
    }
    await drainPending();
    if (s.phase === 'closed') break;
    if (shouldContinueAsNew()) {
      // Let running handlers finish, carry out what they decided, then start afresh with the state.
      await condition(allHandlersFinished);
      await drainPending();
      const continueAsNew = makeContinueAsNewFunc<typeof annualCycle>({
        typedSearchAttributes: searchAttributes(),
      });
      return continueAsNew({ ...input, timeline, carried: { ...s, runs: s.runs + 1 } });
    }
    if (!s.cascade.done) {
      await cascadeBatch();
      continue;
    }
    if (riskListsEnabled && s.phase === 'define' && s.status === 'open' && s.riskLists === undefined) {
      await startTeamRiskLists();
      continue;
    }
    const due = nextDue();
    const seen = wake;
    const now = Date.now();
    const woken = (): boolean => wake !== seen || shouldContinueAsNew();
    if (due === undefined) {
      await condition(woken);
    } else if (due > now) {
      await condition(woken, due - now);
    }
  }

  // Stay reachable until the level below has closed too (bounded), so no child reports its last
  // phase to a parent that is gone, and the final aggregate is complete.
  const childrenClosed = (): boolean => Object.values(s.children).every((c) => c.phase === 'closed');
  await condition(childrenClosed, toWorkflowDuration(timeline, CHILDREN_GRACE_MS));
  await condition(allHandlersFinished);
  await drainPending();
  return { unitId, year, history: s.history, runs: s.runs, children: childrenSummary() };
}

/** Scripted years for tests and for recording replay fixtures. */
import type { TestWorkflowEnvironment, WorkflowHandle } from './test-environment';
import type { ActivePhase, Phase } from '@dutychain/calendar';
import { confirmPhaseClosedUpdate, cycleStateQuery, publishTaskListUpdate } from '@dutychain/temporal';
import type { CycleState } from '@dutychain/temporal';
import { eventually, skipTo } from './test-environment';

export interface DrivenCycle {
  handle: WorkflowHandle;
  /** Unit id of the org that confirms this cycle's phases (its leading org, or itself at the root). */
  confirmer: string;
}

/**
 * Queries a cycle's state, giving up after 3 s: on test server 1.38.0 a query that reaches a run
 * while it continues as new can stay unanswered; eventually() then simply asks again.
 */
export async function stateOf(handle: WorkflowHandle): Promise<CycleState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`query to ${handle.workflowId} unanswered`)), 3_000);
  });
  try {
    return await Promise.race([handle.query(cycleStateQuery), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function deadlineView(state: CycleState, phase: ActivePhase) {
  const view = state.deadlines.find((d) => d.phase === phase);
  if (!view) throw new Error(`no deadline for ${phase}`);
  return view;
}

const trace = (msg: string): void => {
  if (process.env['DRIVE_TRACE']) process.stderr.write(`[drive] ${msg}\n`);
};

/**
 * Sends a decision (update) and waits at most 5 s for its result. Test server 1.38.0 sometimes
 * never answers an update that reaches a busy workflow (e.g. a parent receiving its children's
 * reports); then the state tells whether it was applied, and it is sent again if not.
 */
async function decide(handle: WorkflowHandle, from: Phase, send: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), 5_000);
    });
    try {
      const outcome = await Promise.race([send(), timeout]);
      if (outcome !== 'timeout') return;
    } finally {
      clearTimeout(timer);
    }
    trace(`update to ${handle.workflowId} unanswered (attempt ${attempt})`);
    const state = await eventually(() => stateOf(handle), `state of ${handle.workflowId}`);
    if (state.phase !== from) return;
    if (attempt >= 3) throw new Error(`update to ${handle.workflowId} in ${from} never answered`);
  }
}

async function waitFor(
  cycles: DrivenCycle[],
  what: string,
  ok: (s: CycleState) => boolean,
): Promise<CycleState[]> {
  trace(`wait ${what}`);
  return eventually(async () => {
    const states = await Promise.all(cycles.map((c) => stateOf(c.handle)));
    if (process.env['DRIVE_TRACE']) {
      trace(
        states
          .filter((st) => !ok(st))
          .map((st) => `${st.unitId}:${st.phase}/${st.status}/${st.warning}/${st.calendarNow}/runs${st.runs}`)
          .join(' '),
      );
    }
    return states.every(ok) ? states : undefined;
  }, what);
}

async function skipToOpening(
  env: TestWorkflowEnvironment,
  cycles: DrivenCycle[],
  phase: ActivePhase,
): Promise<void> {
  const [first] = await waitFor(cycles, `phase ${phase}`, (s) => s.phase === phase);
  if (!first) return;
  trace(`skip to ${phase} opening`);
  await skipTo(env, deadlineView(first, phase).workflowOpensAt);
  await waitFor(cycles, `${phase} to open`, (s) => s.phase === phase && s.status === 'open');
}

async function confirmAll(cycles: DrivenCycle[], phase: Phase): Promise<void> {
  for (const c of cycles) {
    trace(`confirm ${phase} ${c.handle.workflowId}`);
    await decide(c.handle, phase, () =>
      c.handle.executeUpdate(confirmPhaseClosedUpdate, { args: [{ phase, confirmedBy: c.confirmer }] }),
    );
  }
}

/**
 * Plays a whole year for the given cycles (all on the same timeline): lets `define` go yellow and
 * then red when `lateDefine` (reminders, escalation), publishes the task lists, lets `perform` end
 * at its deadline, and confirms midYear, yearEnd and appraisal once each has opened.
 * `after` runs after each step, for assertions.
 */
export async function driveYear(
  env: TestWorkflowEnvironment,
  cycles: DrivenCycle[],
  options: { lateDefine?: boolean; after?: (step: Phase) => Promise<void> } = {},
): Promise<void> {
  const after = options.after ?? (() => Promise.resolve());
  await skipToOpening(env, cycles, 'define');
  if (options.lateDefine) {
    const [state] = await waitFor(cycles, 'define open', (s) => s.phase === 'define');
    if (state) {
      await skipTo(env, deadlineView(state, 'define').workflowDeadline);
      await waitFor(cycles, 'red define warning', (s) => s.warning === 'red' && s.overdue);
    }
  }
  for (const [i, c] of cycles.entries()) {
    trace(`publish ${c.handle.workflowId}`);
    await decide(c.handle, 'define', () =>
      c.handle.executeUpdate(publishTaskListUpdate, {
        args: [{ taskListId: `tl-${i}`, itemCount: 28, publishedBy: `secretary-${i}` }],
      }),
    );
  }
  trace('after define');
  await after('define');
  const [perform] = await waitFor(cycles, 'perform', (s) => s.phase === 'perform');
  if (perform) await skipTo(env, deadlineView(perform, 'perform').workflowDeadline);
  await waitFor(cycles, 'midYear (perform ends at its deadline)', (s) => s.phase === 'midYear');
  await after('perform');
  for (const phase of ['midYear', 'yearEnd', 'appraisal'] as const) {
    await skipToOpening(env, cycles, phase);
    await confirmAll(cycles, phase);
    await after(phase);
  }
  await waitFor(cycles, 'closed', (s) => s.phase === 'closed');
}

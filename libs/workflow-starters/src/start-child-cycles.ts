/**
 * The cascade's starting step, shared by the cycles service's activity and the test activities:
 * start one page of child cycles through the Temporal client. A client start costs the server one
 * request, where a child workflow also costs the parent's history two events and a workflow task.
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowIdConflictPolicy } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import { ANNUAL_CYCLE_WORKFLOW_TYPE, cycleStartOptions } from '@dutychain/temporal';
import type {
  AnnualCycleInput,
  ChildUnitRef,
  PhaseChangeRecord,
  StartChildCyclesInput,
} from '@dutychain/temporal';

/**
 * Starts in flight at once per page. Hundreds of pages run at once in a city's cascade, so a few
 * each keep the frontend busy without flooding it (16 measured slower on the SQLite dev server).
 */
const START_CONCURRENCY = 4;
/**
 * Each start gets its own deadline: a call that stalls on an overloaded frontend fails (and the
 * activity retries, idempotently) instead of holding the cascade of a whole town for minutes.
 */
const START_CALL_DEADLINE_MS = 30_000;
/** Lower runs sooner when the queue is backlogged: units that lead others carry the cascade on. */
const PARENT_PRIORITY = 2;
const LEAF_PRIORITY = 3;

export interface ChildCyclesStarted {
  started: string[];
  alreadyRunning: string[];
  /** The start of every unit of the page, keyed like the cycle's own record (idempotent). */
  records: PhaseChangeRecord[];
}

export function childCycleInput(input: StartChildCyclesInput, child: ChildUnitRef): AnnualCycleInput {
  const { template } = input;
  return {
    ...template,
    unitId: child.unitId,
    level: child.level,
    // A unit that leads nobody has nothing to cascade: it need not ask the directory.
    cascade: child.childCount === 0 ? { ...template.cascade, enabled: false } : template.cascade,
    startRecordedByParent: true,
  };
}

export async function startChildCycles(
  client: Client,
  children: readonly ChildUnitRef[],
  input: StartChildCyclesInput,
  /** Called after each child: the activity heartbeats, so a stuck attempt is retried early. */
  onProgress: () => void = () => undefined,
): Promise<ChildCyclesStarted> {
  const started: string[] = [];
  const alreadyRunning: string[] = [];
  let next = 0;
  const startOne = async (child: ChildUnitRef): Promise<void> => {
    const childInput = childCycleInput(input, child);
    const options = cycleStartOptions(childInput);
    const deadline = () => Date.now() + START_CALL_DEADLINE_MS;
    try {
      await client.withDeadline(deadline(), () =>
        client.workflow.start(ANNUAL_CYCLE_WORKFLOW_TYPE, {
          ...options,
          taskQueue: input.taskQueue,
          // FAIL, not USE_EXISTING: the parent must know which cycles it started.
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
          memo: { parentWorkflowId: input.template.parentWorkflowId ?? null },
          priority: { priorityKey: child.childCount === 0 ? LEAF_PRIORITY : PARENT_PRIORITY },
        }),
      );
      started.push(child.unitId);
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      // Started by an earlier attempt of this same step (a retry after a crash) counts as started.
      const existing = await client.withDeadline(deadline(), () =>
        client.workflow.getHandle(options.workflowId).describe(),
      );
      const ours = existing.memo?.['parentWorkflowId'] === input.template.parentWorkflowId;
      (ours ? started : alreadyRunning).push(child.unitId);
    }
    onProgress();
  };
  await Promise.all(
    Array.from({ length: Math.min(START_CONCURRENCY, children.length) }, async () => {
      for (let i = next++; i < children.length; i = next++) {
        const child = children[i];
        if (child) await startOne(child);
      }
    }),
  );
  const records = children.map((child): PhaseChangeRecord => {
    const workflowId = cycleStartOptions(childCycleInput(input, child)).workflowId;
    return {
      unitId: child.unitId,
      year: input.year,
      workflowId,
      key: `${workflowId}/phase/define`,
      from: null,
      to: 'define',
      at: input.startedAt,
      by: null,
      reason: 'cycleStarted',
    };
  });
  // Children keep the directory's order, whatever order the starts finished in.
  const order = new Map(children.map((child, i) => [child.unitId, i]));
  const byOrder = (a: string, b: string) => (order.get(a) ?? 0) - (order.get(b) ?? 0);
  return { started: started.sort(byOrder), alreadyRunning: alreadyRunning.sort(byOrder), records };
}

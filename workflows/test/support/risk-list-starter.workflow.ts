/**
 * Test bundle: the risk-list workflow plus a parent that starts a unit's lists, as the yearly
 * cycle's define phase does (the cycle itself starts them through the lists service's activities).
 */
import { ParentClosePolicy, startChild, WorkflowIdReusePolicy } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { CalendarConfig, Compression, Timeline } from '@dutychain/calendar';
import {
  RISK_LIST_WORKFLOW_TYPE,
  riskListSearchAttributes,
  riskListWorkflowId,
  TASK_QUEUES,
} from '@dutychain/temporal';
import type { RiskListInput } from '@dutychain/temporal';
import { backgroundActivities } from '../../src/workflows/risk-list/risk-list-activities';

export { riskList } from '../../src/workflows/risk-list/risk-list.workflow';

export async function riskListStarterForTest(
  input: StartRiskListsInput,
): Promise<{ started: number; alreadyRunning: number }[]> {
  // Twice: the second call finds every list running and starts nothing.
  return [await startRiskListsForUnit(input), await startRiskListsForUnit(input)];
}

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

import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import type { SearchAttributePair } from '@temporalio/common';
import type { Phase } from '@dutychain/calendar';
import type { AnnualCycleInput } from './cycle-contract';
import { SEARCH_ATTRIBUTES, WORKFLOW_KINDS } from './search-attributes';
import { TASK_QUEUES } from './task-queues';
import { cycleWorkflowId } from './workflow-ids';

export interface CycleSearchAttributeValues {
  unitId: string;
  ancestors: readonly string[];
  level: string;
  year: number;
  phase: Phase;
  overdue: boolean;
}

/** All of a cycle's search attributes (ids and codes only). */
export function cycleSearchAttributes(values: CycleSearchAttributeValues): SearchAttributePair[] {
  return [
    { key: SEARCH_ATTRIBUTES.unitId, value: values.unitId },
    { key: SEARCH_ATTRIBUTES.unitAncestors, value: [...values.ancestors] },
    { key: SEARCH_ATTRIBUTES.level, value: values.level },
    { key: SEARCH_ATTRIBUTES.year, value: values.year },
    { key: SEARCH_ATTRIBUTES.phase, value: values.phase },
    { key: SEARCH_ATTRIBUTES.overdue, value: values.overdue },
    { key: SEARCH_ATTRIBUTES.workflowKind, value: WORKFLOW_KINDS.cycle },
  ];
}

/**
 * Options for `client.workflow.start(ANNUAL_CYCLE_WORKFLOW_TYPE, …)` that make starting a cycle
 * idempotent: a running cycle is returned as is (conflict policy USE_EXISTING), and a cycle that
 * already finished is never started again for the same unit and year (reuse policy REJECT_DUPLICATE).
 */
export function cycleStartOptions(input: AnnualCycleInput) {
  return {
    workflowId: cycleWorkflowId(input.unitId, input.year),
    taskQueue: TASK_QUEUES.cycles,
    args: [input] as [AnnualCycleInput],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    typedSearchAttributes: cycleSearchAttributes({ ...input, phase: 'define', overdue: false }),
  } as const;
}

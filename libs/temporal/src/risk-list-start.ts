import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import type { SearchAttributePair } from '@temporalio/common';
import type { RiskListInput } from './risk-list-contract';
import { RISK_LIST_WORKFLOW_KIND } from './risk-list-contract';
import { SEARCH_ATTRIBUTES } from './search-attributes';
import { TASK_QUEUES } from './task-queues';
import { riskListWorkflowId } from './workflow-ids';

/** A risk list's search attributes (ids and codes only): find a subtree's lists, and the overdue ones. */
export function riskListSearchAttributes(input: RiskListInput, overdue = false): SearchAttributePair[] {
  return [
    { key: SEARCH_ATTRIBUTES.unitId, value: input.unitId },
    { key: SEARCH_ATTRIBUTES.unitAncestors, value: [...input.ancestors] },
    { key: SEARCH_ATTRIBUTES.level, value: input.level },
    { key: SEARCH_ATTRIBUTES.year, value: input.year },
    { key: SEARCH_ATTRIBUTES.overdue, value: overdue },
    { key: SEARCH_ATTRIBUTES.workflowKind, value: RISK_LIST_WORKFLOW_KIND },
  ];
}

/**
 * Options for `client.workflow.start(RISK_LIST_WORKFLOW_TYPE, …)` (or `startChild` from the yearly
 * cycle): one list per person per year; a running list is returned as it is, a finished one is
 * never started again. The workflow runs on the `cycles` queue; its activities on `lists`.
 */
export function riskListStartOptions(input: RiskListInput) {
  return {
    workflowId: riskListWorkflowId(input.personId, input.year),
    taskQueue: TASK_QUEUES.cycles,
    args: [input] as [RiskListInput],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    typedSearchAttributes: riskListSearchAttributes(input),
  } as const;
}

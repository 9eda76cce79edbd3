import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import type { SearchAttributePair } from '@temporalio/common';
import type { CopyNoticeInput } from './copy-notice-contract';
import { COPY_NOTICE_WORKFLOW_KIND } from './copy-notice-contract';
import { SEARCH_ATTRIBUTES } from './search-attributes';
import { copyNoticeWorkflowId } from './workflow-ids';

/** A notice's search attributes (ids and codes only): its unit, the unit's ancestors, overdue, kind. */
export function copyNoticeSearchAttributes(
  input: Pick<CopyNoticeInput, 'unitId' | 'ancestors'>,
  overdue: boolean,
): SearchAttributePair[] {
  return [
    { key: SEARCH_ATTRIBUTES.unitId, value: input.unitId },
    { key: SEARCH_ATTRIBUTES.unitAncestors, value: [...input.ancestors] },
    { key: SEARCH_ATTRIBUTES.overdue, value: overdue },
    { key: SEARCH_ATTRIBUTES.workflowKind, value: COPY_NOTICE_WORKFLOW_KIND },
  ];
}

/**
 * Options for `client.workflow.start(COPY_NOTICE_WORKFLOW_TYPE, …)`: starting a notice's loop twice
 * returns the running one, and a finished loop is never run again for the same notice.
 */
export function copyNoticeStartOptions(input: CopyNoticeInput, taskQueue: string) {
  return {
    workflowId: copyNoticeWorkflowId(input.noticeId),
    taskQueue,
    args: [input] as [CopyNoticeInput],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    typedSearchAttributes: copyNoticeSearchAttributes(input, false),
  } as const;
}

import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { SearchAttributeKey } from '@temporalio/common/lib/search-attributes';

/**
 * Custom search attributes (ids and codes only, never names or text), registered on the server by
 * deploy/local/search-attributes.txt; a unit test keeps the two in step.
 */
export const SEARCH_ATTRIBUTES = {
  unitId: defineSearchAttributeKey('DutyUnitId', SearchAttributeType.KEYWORD),
  /** The unit's ancestors' ids, root first: finds every workflow of a subtree. */
  unitAncestors: defineSearchAttributeKey('DutyUnitAncestors', SearchAttributeType.KEYWORD_LIST),
  level: defineSearchAttributeKey('DutyLevel', SearchAttributeType.KEYWORD),
  year: defineSearchAttributeKey('DutyYear', SearchAttributeType.INT),
  phase: defineSearchAttributeKey('DutyPhase', SearchAttributeType.KEYWORD),
  overdue: defineSearchAttributeKey('DutyOverdue', SearchAttributeType.BOOL),
  workflowKind: defineSearchAttributeKey('DutyWorkflowKind', SearchAttributeType.KEYWORD),
} as const;

export const ALL_SEARCH_ATTRIBUTE_KEYS: readonly SearchAttributeKey<SearchAttributeType>[] =
  Object.values(SEARCH_ATTRIBUTES);

/** Values of DutyWorkflowKind. */
export const WORKFLOW_KINDS = { cycle: 'cycle' } as const;
export type WorkflowKind = (typeof WORKFLOW_KINDS)[keyof typeof WORKFLOW_KINDS];

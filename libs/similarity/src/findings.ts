/** Stable codes of the quality-check rules (stored, filtered on and shown in supervision orders). */
export const FINDING_CODES = [
  'COPIED_FROM_TEMPLATE',
  'SAME_AS_LAST_YEAR',
  'NEAR_DUPLICATE_TEAMMATE',
  'ITEM_WITHOUT_RISK_POINT',
  'ITEM_WITHOUT_MEASURE',
  'NO_GOVERNANCE_CONTENT',
  'UNCLAIMED_COMMITTEE_ITEM',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/** Chinese names of the rules, for reports and bulletins. */
export const FINDING_LABELS: Record<FindingCode, string> = {
  COPIED_FROM_TEMPLATE: '照搬照抄清单模板',
  SAME_AS_LAST_YEAR: '清单内容与上年雷同',
  NEAR_DUPLICATE_TEAMMATE: '班子成员清单雷同',
  ITEM_WITHOUT_RISK_POINT: '任务项未查找廉政风险点',
  ITEM_WITHOUT_MEASURE: '任务项未制定防控措施',
  NO_GOVERNANCE_CONTENT: '任务项无全面从严治党内容（“大箩筐”）',
  UNCLAIMED_COMMITTEE_ITEM: '党委任务清单事项无人认领',
};

/** What a list was compared with. */
export interface FindingCounterpart {
  readonly kind: 'template' | 'list';
  /** templateId or listId. */
  readonly id: string;
  readonly personId?: string;
  readonly year?: number;
  /** Its items that match the finding's items. */
  readonly itemIds: readonly string[];
}

export interface Finding {
  readonly code: FindingCode;
  readonly unitId: string;
  /** The list the finding is about; absent for unit-level findings (UNCLAIMED_COMMITTEE_ITEM). */
  readonly listId?: string;
  readonly personId?: string;
  /** Items concerned: of the list, or the committee items for UNCLAIMED_COMMITTEE_ITEM. */
  readonly itemIds: readonly string[];
  /** The template or other list compared with (similarity rules only). */
  readonly counterpart?: FindingCounterpart;
  /**
   * 0–1. Similarity rules: the list-level Jaccard similarity (or, for items copied from a template
   * while the list as a whole is not, the share of items copied). Other rules: the share of items
   * (or committee items) concerned.
   */
  readonly score: number;
  /** Explanation in Chinese, for the person and the reviewer. */
  readonly message: string;
  /** The same in English, with the numbers, for logs and operators. */
  readonly detail: string;
}

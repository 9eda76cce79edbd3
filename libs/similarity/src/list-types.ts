/**
 * Plain inputs of the quality checks: what a lists service (or a test) hands over. No ids are
 * interpreted beyond equality; `year` is the cycle year.
 */

/** One item of a personal responsibility-risk list (个人责任风险清单). */
export interface ListItem {
  readonly itemId: string;
  /** The task or duty (工作任务 / 责任内容). */
  readonly content: string;
  /** Integrity risk points (廉政风险点). */
  readonly riskPoints: readonly string[];
  /** Prevention measures (防控措施). */
  readonly measures: readonly string[];
  /** The committee task item this item claims (认领), if any. */
  readonly committeeItemId?: string;
}

/** A person's list for one year; `unitId` is the unit whose leadership team the person belongs to. */
export interface ResponsibilityList {
  readonly listId: string;
  readonly personId: string;
  readonly personName?: string;
  readonly unitId: string;
  readonly year: number;
  readonly items: readonly ListItem[];
}

/** A template (清单模板) handed down for lists to be written from, not copied. */
export interface TemplateList {
  readonly templateId: string;
  readonly title?: string;
  readonly items: readonly ListItem[];
}

/** An item of a unit's committee task list (党委任务清单). */
export interface CommitteeItem {
  readonly itemId: string;
  readonly unitId: string;
  readonly content: string;
}

/** What a list is checked against. Every part is optional; a rule without its input stays silent. */
export interface CheckContext {
  readonly templates?: readonly TemplateList[];
  /** Earlier lists of the same persons; each list is compared with its person's latest earlier one. */
  readonly previousLists?: readonly ResponsibilityList[];
  /**
   * checkList only: the other lists of the same team (same unitId and year). screenLists finds
   * teammates in its own input instead.
   */
  readonly teamLists?: readonly ResponsibilityList[];
  /** Committee task items; only those of the list's own unit are considered. */
  readonly committeeItems?: readonly CommitteeItem[];
}

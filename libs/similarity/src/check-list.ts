import type { Finding } from './findings';
import type { CheckContext, ResponsibilityList } from './list-types';
import { PreparedContext } from './prepared-context';
import type { QualityCheckOptions } from './quality-options';
import { copiedFromTemplate } from './rules/copied-from-template';
import { itemsWithoutMeasure, itemsWithoutRiskPoint } from './rules/item-completeness';
import { areTeammates, nearDuplicateTeammates } from './rules/near-duplicate-teammate';
import { noGovernanceContent } from './rules/no-governance-content';
import { sameAsLastYear } from './rules/same-as-last-year';
import { unclaimedCommitteeItems } from './rules/unclaimed-committee-items';

/**
 * Every quality check on one submitted list, against what the context provides: templates,
 * the person's earlier lists, the team's other lists (context.teamLists) and the unit's committee
 * items. Comparisons are exact (a handful of lists). UNCLAIMED_COMMITTEE_ITEM counts the claims of
 * this list and the given team lists only, so pass the whole team when that finding matters.
 */
export function checkList(
  list: ResponsibilityList,
  context: CheckContext = {},
  options: QualityCheckOptions = {},
): Finding[] {
  const prepared = new PreparedContext(context, options);
  const team = (context.teamLists ?? []).filter((other) => areTeammates(list, other));
  return [
    ...copiedFromTemplate(list, prepared),
    ...sameAsLastYear(list, prepared),
    ...nearDuplicateTeammates(list, team, prepared),
    ...itemsWithoutRiskPoint(list),
    ...itemsWithoutMeasure(list),
    ...noGovernanceContent(list, prepared),
    ...unclaimedCommitteeItems(list.unitId, list.year, [list, ...team], prepared),
  ];
}

import type { Finding } from '../findings';
import { itemPositions, percent } from '../finding-text';
import type { ResponsibilityList } from '../list-types';
import type { PreparedContext } from '../prepared-context';

/**
 * NO_GOVERNANCE_CONTENT (“大箩筐”): items in which no field (content, risk points, measures) has a
 * word of the governance vocabulary, i.e. plain business tasks put in the list.
 */
export function noGovernanceContent(list: ResponsibilityList, context: PreparedContext): Finding[] {
  const itemIds = list.items
    .filter((item) => !context.governance.matches([item.content, ...item.riskPoints, ...item.measures]))
    .map((item) => item.itemId);
  if (itemIds.length === 0) return [];
  const share = itemIds.length / list.items.length;
  const basket = share >= context.options.thresholds.bigBasketShare;
  return [
    {
      code: 'NO_GOVERNANCE_CONTENT',
      unitId: list.unitId,
      listId: list.listId,
      personId: list.personId,
      itemIds,
      score: share,
      message: basket
        ? `清单${itemIds.length}项（占${percent(share)}）只有业务工作内容，未体现全面从严治党、党风廉政建设要求，清单成了装业务工作的“大箩筐”，请聚焦“一岗双责”重新梳理（${itemPositions(list, itemIds)}）。`
        : `${itemPositions(list, itemIds)}只有业务工作内容，未体现全面从严治党、党风廉政建设要求，请补充分管领域的廉政风险点和防控措施。`,
      detail: `${itemIds.length} of ${list.items.length} items contain no governance vocabulary${basket ? ' (big basket)' : ''}.`,
    },
  ];
}

import type { Finding } from '../findings';
import { percent } from '../finding-text';
import { distinctIds, matchItems } from '../item-matching';
import type { ResponsibilityList } from '../list-types';
import type { PreparedContext } from '../prepared-context';
import { jaccard } from '../sorted-sets';

/** SAME_AS_LAST_YEAR (每年雷同): the list is (nearly) the person's own latest earlier list. */
export function sameAsLastYear(list: ResponsibilityList, context: PreparedContext): Finding[] {
  const previous = context.previousListOf(list);
  if (!previous) return [];
  const thresholds = context.options.thresholds;
  const similarity = jaccard(context.listShingles(list), context.listShingles(previous, false));
  if (similarity < thresholds.lastYearList) return [];
  const matches = matchItems(
    context.fingerprint(list).items,
    context.fingerprint(previous, false).items,
    thresholds.matchingItem,
  );
  const unchanged = distinctIds(matches.map((match) => match.itemId));
  return [
    {
      code: 'SAME_AS_LAST_YEAR',
      unitId: list.unitId,
      listId: list.listId,
      personId: list.personId,
      itemIds: unchanged,
      counterpart: {
        kind: 'list',
        id: previous.listId,
        personId: previous.personId,
        year: previous.year,
        itemIds: distinctIds(matches.map((match) => match.counterpartItemId)),
      },
      score: similarity,
      message: `清单与本人${previous.year}年清单雷同（相似度${percent(similarity)}，${unchanged.length}项基本未作调整），请根据本年度工作任务、目标的变化重新梳理风险点和防控措施。`,
      detail: `List is ${percent(similarity)} similar to the same person's ${previous.year} list ${previous.listId}; ${unchanged.length} of ${list.items.length} items unchanged.`,
    },
  ];
}

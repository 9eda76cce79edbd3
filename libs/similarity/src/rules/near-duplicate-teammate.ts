import type { Finding } from '../findings';
import { percent, personLabel } from '../finding-text';
import { distinctIds, matchItems } from '../item-matching';
import type { ResponsibilityList } from '../list-types';
import type { PreparedContext } from '../prepared-context';
import { jaccardAtLeast } from '../sorted-sets';

/** Two lists of the same leadership team (same unit and year, different people). */
export function areTeammates(a: ResponsibilityList, b: ResponsibilityList): boolean {
  return a.unitId === b.unitId && a.year === b.year && a.personId !== b.personId && a.listId !== b.listId;
}

/**
 * NEAR_DUPLICATE_TEAMMATE (班子成员清单雷同) for a pair already known to be similar. One finding per
 * pair, about `list`, with `other` as counterpart: both lists are concerned.
 */
export function teammateFinding(
  list: ResponsibilityList,
  other: ResponsibilityList,
  similarity: number,
  context: PreparedContext,
): Finding {
  const matches = matchItems(
    context.fingerprint(list).items,
    context.fingerprint(other).items,
    context.options.thresholds.matchingItem,
  );
  const itemIds = distinctIds(matches.map((match) => match.itemId));
  return {
    code: 'NEAR_DUPLICATE_TEAMMATE',
    unitId: list.unitId,
    listId: list.listId,
    personId: list.personId,
    itemIds,
    counterpart: {
      kind: 'list',
      id: other.listId,
      personId: other.personId,
      year: other.year,
      itemIds: distinctIds(matches.map((match) => match.counterpartItemId)),
    },
    score: similarity,
    message: `${personLabel(list)}的清单与同班子成员${personLabel(other)}的清单雷同（相似度${percent(similarity)}，${itemIds.length}项基本相同），请各自结合分管领域和岗位职责梳理。`,
    detail: `Lists ${list.listId} and ${other.listId} of the same team are ${percent(similarity)} similar; ${itemIds.length} items match.`,
  };
}

/** NEAR_DUPLICATE_TEAMMATE for one list against its team's other lists (exact comparison). */
export function nearDuplicateTeammates(
  list: ResponsibilityList,
  team: readonly ResponsibilityList[],
  context: PreparedContext,
): Finding[] {
  const threshold = context.options.thresholds.teammateList;
  const findings: Finding[] = [];
  for (const other of team) {
    if (!areTeammates(list, other)) continue;
    const similarity = jaccardAtLeast(context.listShingles(list), context.listShingles(other), threshold);
    if (similarity >= threshold) findings.push(teammateFinding(list, other, similarity, context));
  }
  return findings;
}

import type { Finding } from '../findings';
import { percent, quote } from '../finding-text';
import type { CommitteeItem, ResponsibilityList } from '../list-types';
import type { PreparedContext } from '../prepared-context';
import { shingleSet } from '../shingles';
import { containment } from '../sorted-sets';
import { normalizeText } from '../text-normalization';

/**
 * UNCLAIMED_COMMITTEE_ITEM (认领不够): committee items of the unit that no list of the team claims,
 * either by committeeItemId or (without one) by an item whose content contains the committee
 * item's text (thresholds.committeeClaim). One finding per unit and year, listing the items.
 */
export function unclaimedCommitteeItems(
  unitId: string,
  year: number,
  team: readonly ResponsibilityList[],
  context: PreparedContext,
): Finding[] {
  const committeeItems = context.committeeItemsOf(unitId);
  if (committeeItems.length === 0) return [];
  const claimed = new Set<string>();
  const unlinkedContents: Uint32Array[] = [];
  for (const list of team) {
    for (const item of list.items) {
      if (item.committeeItemId !== undefined) claimed.add(item.committeeItemId);
      else
        unlinkedContents.push(
          shingleSet([normalizeText(item.content, context.text)], context.text.shingleSize),
        );
    }
  }
  const threshold = context.options.thresholds.committeeClaim;
  const unclaimed = committeeItems.filter(
    (item) => !claimed.has(item.itemId) && !claimedByText(item, unlinkedContents, threshold, context),
  );
  if (unclaimed.length === 0) return [];
  const share = unclaimed.length / committeeItems.length;
  const shown = unclaimed.slice(0, 3).map((item) => quote(item.content));
  const more = unclaimed.length > 3 ? `等${unclaimed.length}项` : '';
  return [
    {
      code: 'UNCLAIMED_COMMITTEE_ITEM',
      unitId,
      itemIds: unclaimed.map((item) => item.itemId),
      score: share,
      message: `${year}年党委任务清单中${shown.join('、')}${more}无班子成员认领（占${percent(share)}），请对照分管领域主动认领，防止工作脱节。`,
      detail: `${unclaimed.length} of ${committeeItems.length} committee items of unit ${unitId} are claimed by none of the team's ${team.length} lists.`,
    },
  ];
}

function claimedByText(
  item: CommitteeItem,
  contents: readonly Uint32Array[],
  threshold: number,
  context: PreparedContext,
): boolean {
  if (threshold > 1 || contents.length === 0) return false;
  const committeeText = context.committeeItemShingles(item);
  if (committeeText.length === 0) return false;
  return contents.some((content) => containment(committeeText, content) >= threshold);
}

import type { Finding } from '../findings';
import { itemPositions, percent } from '../finding-text';
import { distinctIds } from '../item-matching';
import type { ResponsibilityList } from '../list-types';
import type { PreparedContext } from '../prepared-context';
import { jaccard } from '../sorted-sets';

/**
 * COPIED_FROM_TEMPLATE (照搬照抄): the whole list is close to a template, or some of its items are
 * (content, risk points and measures together). At most one finding per list: the template with
 * the strongest evidence.
 */
export function copiedFromTemplate(list: ResponsibilityList, context: PreparedContext): Finding[] {
  const templates = context.templates.templates;
  if (templates.length === 0 || list.items.length === 0) return [];
  const thresholds = context.options.thresholds;
  const fingerprint = context.fingerprint(list);

  let bestIndex = -1;
  let bestSimilarity = 0;
  context.templates.fingerprints.forEach((template, index) => {
    const similarity = jaccard(fingerprint.shingles, template.shingles);
    if (similarity > bestSimilarity) [bestIndex, bestSimilarity] = [index, similarity];
  });
  const copied = context.templates.copiedItems(fingerprint.items, thresholds.templateItem);
  const wholeList = bestSimilarity >= thresholds.templateList;
  if (!wholeList && copied.length === 0) return [];

  const templateIndex = wholeList
    ? bestIndex
    : mostCopiedTemplate(copied.map((match) => match.templateIndex));
  const fromTemplate = copied.filter((match) => match.templateIndex === templateIndex);
  const template = templates[templateIndex];
  const itemIds = distinctIds(fromTemplate.map((match) => match.itemId));
  const name = template.title ?? template.templateId;
  const share = itemIds.length / list.items.length;
  const score = wholeList ? bestSimilarity : share;
  const items = itemIds.length > 0 ? `，其中${itemPositions(list, itemIds)}与模板条目基本一致` : '';
  return [
    {
      code: 'COPIED_FROM_TEMPLATE',
      unitId: list.unitId,
      listId: list.listId,
      personId: list.personId,
      itemIds,
      counterpart: {
        kind: 'template',
        id: template.templateId,
        itemIds: distinctIds(fromTemplate.map((match) => match.counterpartItemId)),
      },
      score,
      message: wholeList
        ? `清单与模板“${name}”高度相似（相似度${percent(bestSimilarity)}）${items}，疑似照搬照抄模板，请结合本人分管领域和岗位实际重新梳理。`
        : `${itemPositions(list, itemIds)}与模板“${name}”的条目基本一致（占全部任务项的${percent(share)}），疑似照搬照抄模板，请结合岗位实际查找风险点、制定措施。`,
      detail: wholeList
        ? `List is ${percent(bestSimilarity)} similar to template ${template.templateId}; ${itemIds.length} of ${list.items.length} items copied.`
        : `${itemIds.length} of ${list.items.length} items copied from template ${template.templateId} (list similarity ${percent(bestSimilarity)}).`,
    },
  ];
}

function mostCopiedTemplate(templateIndexes: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const index of templateIndexes) counts.set(index, (counts.get(index) ?? 0) + 1);
  let best = templateIndexes[0];
  for (const [index, count] of counts) if (count > (counts.get(best) ?? 0)) best = index;
  return best;
}

import type { Finding } from '../findings';
import { itemPositions, percent } from '../finding-text';
import type { ListItem, ResponsibilityList } from '../list-types';
import { normalizeCharacters } from '../text-normalization';

/** Entries that fill the box without saying anything. Compared after punctuation is stripped ("/" and "-" vanish). */
const PLACEHOLDERS = new Set(
  [
    '无',
    '暂无',
    '没有',
    '无风险',
    '无风险点',
    '暂无风险点',
    '无措施',
    '不涉及',
    '略',
    '同上',
    '待定',
    '待补充',
    '空',
    'na',
    'n/a',
    'none',
    'null',
  ].map((text) => normalizeCharacters(text)),
);

/** True when an entry is empty, punctuation only, or a placeholder such as 无 or 暂无. */
export function isBlankEntry(text: string): boolean {
  const normalized = normalizeCharacters(text);
  return normalized.length === 0 || PLACEHOLDERS.has(normalized);
}

function hasEntries(entries: readonly string[]): boolean {
  return entries.some((entry) => !isBlankEntry(entry));
}

function incompleteItems(
  list: ResponsibilityList,
  field: (item: ListItem) => readonly string[],
  code: 'ITEM_WITHOUT_RISK_POINT' | 'ITEM_WITHOUT_MEASURE',
): Finding[] {
  const itemIds = list.items.filter((item) => !hasEntries(field(item))).map((item) => item.itemId);
  if (itemIds.length === 0) return [];
  const what = code === 'ITEM_WITHOUT_RISK_POINT' ? '未查找廉政风险点' : '未制定防控措施';
  const english = code === 'ITEM_WITHOUT_RISK_POINT' ? 'no risk point' : 'no prevention measure';
  const share = itemIds.length / list.items.length;
  return [
    {
      code,
      unitId: list.unitId,
      listId: list.listId,
      personId: list.personId,
      itemIds,
      score: share,
      message: `${itemPositions(list, itemIds)}${what}（共${itemIds.length}项，占${percent(share)}），请逐项补充。`,
      detail: `${itemIds.length} of ${list.items.length} items have ${english} (empty or placeholder entries).`,
    },
  ];
}

/** ITEM_WITHOUT_RISK_POINT: items with no risk point, or only placeholders (无, 暂无, /). */
export function itemsWithoutRiskPoint(list: ResponsibilityList): Finding[] {
  return incompleteItems(list, (item) => item.riskPoints, 'ITEM_WITHOUT_RISK_POINT');
}

/** ITEM_WITHOUT_MEASURE: items with no prevention measure, or only placeholders. */
export function itemsWithoutMeasure(list: ResponsibilityList): Finding[] {
  return incompleteItems(list, (item) => item.measures, 'ITEM_WITHOUT_MEASURE');
}

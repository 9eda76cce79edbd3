import type { ResponsibilityList } from './list-types';

/** 0.834 → "83%". */
export function percent(score: number): string {
  return `${Math.round(score * 100)}%`;
}

/** The 1-based positions of items in the list, as 第2、5项 (how reviewers refer to items). */
export function itemPositions(
  list: { readonly items: readonly { readonly itemId: string }[] },
  itemIds: readonly string[],
): string {
  const wanted = new Set(itemIds);
  const positions: number[] = [];
  list.items.forEach((item, index) => {
    if (wanted.has(item.itemId)) positions.push(index + 1);
  });
  return `第${positions.join('、')}项`;
}

/** How a person is named in messages. */
export function personLabel(list: ResponsibilityList): string {
  return list.personName ?? list.personId;
}

/** A text quoted in a message, shortened to `max` characters. */
export function quote(text: string, max = 20): string {
  const characters = [...text.trim()];
  return `“${characters.length > max ? `${characters.slice(0, max).join('')}…` : characters.join('')}”`;
}

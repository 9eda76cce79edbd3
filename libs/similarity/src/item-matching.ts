import type { ItemFingerprint } from './list-fingerprint';
import { jaccardAtLeast } from './sorted-sets';

export interface ItemMatch {
  readonly itemId: string;
  readonly counterpartItemId: string;
  readonly similarity: number;
}

/** For each item, its most similar counterpart item if that reaches the threshold. */
export function matchItems(
  items: readonly ItemFingerprint[],
  counterpart: readonly ItemFingerprint[],
  threshold: number,
): ItemMatch[] {
  const matches: ItemMatch[] = [];
  for (const item of items) {
    let best: ItemMatch | undefined;
    for (const other of counterpart) {
      const similarity = jaccardAtLeast(item.shingles, other.shingles, threshold);
      if (similarity >= threshold && (best === undefined || similarity > best.similarity)) {
        best = { itemId: item.itemId, counterpartItemId: other.itemId, similarity };
      }
    }
    if (best) matches.push(best);
  }
  return matches;
}

/** Distinct ids in first-seen order. */
export function distinctIds(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

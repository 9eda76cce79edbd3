import type { ListItem } from './list-types';
import { shingleSet } from './shingles';
import { union } from './sorted-sets';
import type { NormalizationOptions } from './text-normalization';
import { normalizeText } from './text-normalization';

export interface TextOptions extends NormalizationOptions {
  readonly shingleSize: number;
  /**
   * Leave the content of items that claim a committee item (committeeItemId) out of the list's set:
   * that text is the committee's, which every claimant legitimately repeats; their own risk points
   * and measures still count.
   */
  readonly discountClaimedContent: boolean;
}

export interface ItemFingerprint {
  readonly itemId: string;
  /** Shingles of the item's content, risk points and measures together. */
  readonly shingles: Uint32Array;
}

export interface ListFingerprint {
  readonly items: readonly ItemFingerprint[];
  /** Shingles of the whole list, as compared with other lists. */
  readonly shingles: Uint32Array;
}

/** The normalised texts of an item: content, then each risk point and measure separately. */
export function itemTexts(item: ListItem, options: NormalizationOptions): string[] {
  return [item.content, ...item.riskPoints, ...item.measures].map((text) => normalizeText(text, options));
}

/** The whole-list set alone, in one pass over all fields (cheaper than {@link fingerprintList} when items are not needed). */
export function listShingleSet(items: readonly ListItem[], options: TextOptions): Uint32Array {
  const texts: string[] = [];
  for (const item of items) {
    const claimed = options.discountClaimedContent && item.committeeItemId !== undefined;
    if (!claimed) texts.push(normalizeText(item.content, options));
    for (const text of item.riskPoints) texts.push(normalizeText(text, options));
    for (const text of item.measures) texts.push(normalizeText(text, options));
  }
  return shingleSet(texts, options.shingleSize);
}

export function fingerprintList(items: readonly ListItem[], options: TextOptions): ListFingerprint {
  const fingerprints: ItemFingerprint[] = [];
  const listParts: Uint32Array[] = [];
  for (const item of items) {
    const texts = itemTexts(item, options);
    const shingles = shingleSet(texts, options.shingleSize);
    fingerprints.push({ itemId: item.itemId, shingles });
    const claimed = options.discountClaimedContent && item.committeeItemId !== undefined;
    listParts.push(claimed ? shingleSet(texts.slice(1), options.shingleSize) : shingles);
  }
  return { items: fingerprints, shingles: union(listParts) };
}

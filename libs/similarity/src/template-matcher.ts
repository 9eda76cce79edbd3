import type { ItemMatch } from './item-matching';
import { matchItems } from './item-matching';
import type { ItemFingerprint, ListFingerprint, TextOptions } from './list-fingerprint';
import { fingerprintList } from './list-fingerprint';
import type { TemplateList } from './list-types';
import { union } from './sorted-sets';

export interface TemplateItemMatch extends ItemMatch {
  readonly templateIndex: number;
}

/**
 * Finds list items copied from template items. Most items of an honest list share little with any
 * template, so each item is first tested against the union of all template shingles (binary
 * search, stopping as soon as the item cannot reach the threshold); only the few that pass are
 * compared item by item. Jaccard ≥ t implies that a share t of the item lies in the union, so the
 * prefilter never drops a match.
 */
export class TemplateMatcher {
  readonly fingerprints: readonly ListFingerprint[];
  private readonly allShingles: Uint32Array;

  constructor(
    readonly templates: readonly TemplateList[],
    text: TextOptions,
  ) {
    this.fingerprints = templates.map((template) => fingerprintList(template.items, text));
    this.allShingles = union(this.fingerprints.map((fingerprint) => fingerprint.shingles));
  }

  /** The best template item for each item that reaches the threshold against one. */
  copiedItems(items: readonly ItemFingerprint[], threshold: number): TemplateItemMatch[] {
    const matches: TemplateItemMatch[] = [];
    for (const item of items) {
      if (!this.mayReach(item.shingles, threshold)) continue;
      let best: TemplateItemMatch | undefined;
      this.fingerprints.forEach((fingerprint, templateIndex) => {
        for (const match of matchItems([item], fingerprint.items, threshold)) {
          if (best === undefined || match.similarity > best.similarity) best = { ...match, templateIndex };
        }
      });
      if (best) matches.push(best);
    }
    return matches;
  }

  private mayReach(shingles: Uint32Array, threshold: number): boolean {
    const all = this.allShingles;
    const needed = Math.ceil(threshold * shingles.length - 1e-9);
    if (needed <= 0) return true;
    let hits = 0;
    for (let i = 0; i < shingles.length; i++) {
      const value = shingles[i];
      let low = 0;
      let high = all.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (all[middle] < value) low = middle + 1;
        else high = middle;
      }
      if (low < all.length && all[low] === value) hits++;
      if (hits >= needed) return true;
      if (hits + (shingles.length - i - 1) < needed) return false;
    }
    return false;
  }
}

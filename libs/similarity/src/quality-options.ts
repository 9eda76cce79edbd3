import { DEFAULT_GOVERNANCE_VOCABULARY } from './governance-vocabulary';
import type { LshOptions } from './lsh-index';
import type { MinHashOptions } from './minhash';
import { DEFAULT_NEAR_DUPLICATE } from './near-duplicates';
import { DEFAULT_SHINGLE_SIZE } from './shingles';
import { DEFAULT_BOILERPLATE } from './text-normalization';

/** Similarities are Jaccard similarities of trigram sets (0–1); shares are fractions of items. */
export interface QualityThresholds {
  /** COPIED_FROM_TEMPLATE, whole list against a template. */
  readonly templateList: number;
  /** COPIED_FROM_TEMPLATE, one item (content, risk points and measures together) against a template item. */
  readonly templateItem: number;
  /** SAME_AS_LAST_YEAR, whole list against the person's latest earlier list. */
  readonly lastYearList: number;
  /** NEAR_DUPLICATE_TEAMMATE, whole list against another team member's. */
  readonly teammateList: number;
  /** screenLists' city-wide near-duplicate pairs (any units). */
  readonly nearDuplicateList: number;
  /** Items of two similar lists listed as "the same item" in a finding. */
  readonly matchingItem: number;
  /**
   * UNCLAIMED_COMMITTEE_ITEM: a list item without committeeItemId still claims a committee item
   * when this share of the committee item's text is contained in the item's content. > 1 turns
   * matching by text off (explicit committeeItemId only).
   */
  readonly committeeClaim: number;
  /** NO_GOVERNANCE_CONTENT: from this share of items on, the message calls the list a "big basket". */
  readonly bigBasketShare: number;
}

/**
 * Chosen on the hand-written lists (test/realistic-lists.ts) and the synthetic city: edited
 * copies (words swapped, items reordered, punctuation changed) score 0.77–0.97 there (synthetic:
 * 5th percentile 0.79), honest lists on the same topics ≤ 0.04 (synthetic, which reuses a small
 * vocabulary: median 0.17, 99th percentile 0.25, 99.99th ≈ 0.3). So:
 * - teammateList 0.6: copying within a team is the failure the seeds name; catch it even after
 *   heavier edits, still twice the highest honest overlap;
 * - nearDuplicateList 0.7: across units only clear copies (it also sets the LSH cost);
 * - templateList 0.6 / templateItem 0.8: an item counts as copied only when it is essentially the
 *   template item, content, risk points and measures together;
 * - lastYearList 0.8: people rightly keep standing duties from one year to the next; 每年雷同 means
 *   essentially unchanged;
 * - committeeClaim 0.8: the committee item's text is (nearly) all in the item's content.
 */
export const DEFAULT_THRESHOLDS: QualityThresholds = {
  templateList: 0.6,
  templateItem: 0.8,
  lastYearList: 0.8,
  teammateList: 0.6,
  nearDuplicateList: 0.7,
  matchingItem: 0.7,
  committeeClaim: 0.8,
  bigBasketShare: 0.5,
};

export interface QualityCheckOptions {
  readonly thresholds?: Partial<QualityThresholds>;
  /** Words that make an item governance content (default DEFAULT_GOVERNANCE_VOCABULARY). */
  readonly governanceVocabulary?: readonly string[];
  /** Filler phrases dropped before comparing (default DEFAULT_BOILERPLATE). */
  readonly boilerplate?: readonly string[];
  /** Character n-gram size (default 3). */
  readonly shingleSize?: number;
  /**
   * Leave the content of items that claim a committee item (committeeItemId) out of list-to-list
   * comparisons (default true): teammates who claim the same committee items legitimately repeat
   * its text; their own risk points and measures still count.
   */
  readonly discountCommitteeText?: boolean;
  /** screenLists: teams up to this size are compared pair by pair (exact); larger ones through LSH. */
  readonly exhaustiveTeamSize?: number;
  /** screenLists: the city-wide LSH screening. */
  readonly minhash?: MinHashOptions;
  readonly lsh?: LshOptions;
  readonly verification?: 'exact' | 'estimate';
}

export interface ResolvedQualityOptions {
  readonly thresholds: QualityThresholds;
  readonly governanceVocabulary: readonly string[];
  readonly boilerplate: readonly string[];
  readonly shingleSize: number;
  readonly discountCommitteeText: boolean;
  readonly exhaustiveTeamSize: number;
  readonly minhash: MinHashOptions;
  readonly lsh: LshOptions;
  readonly verification: 'exact' | 'estimate';
}

export function resolveQualityOptions(options: QualityCheckOptions = {}): ResolvedQualityOptions {
  const thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  for (const [name, value] of Object.entries(thresholds)) {
    if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
      throw new RangeError(`threshold ${name} must be a number ≥ 0`);
    }
  }
  return {
    thresholds,
    governanceVocabulary: options.governanceVocabulary ?? DEFAULT_GOVERNANCE_VOCABULARY,
    boilerplate: options.boilerplate ?? DEFAULT_BOILERPLATE,
    shingleSize: options.shingleSize ?? DEFAULT_SHINGLE_SIZE,
    discountCommitteeText: options.discountCommitteeText ?? true,
    exhaustiveTeamSize: options.exhaustiveTeamSize ?? 50,
    minhash: options.minhash ?? DEFAULT_NEAR_DUPLICATE.minhash,
    lsh: options.lsh ?? DEFAULT_NEAR_DUPLICATE.lsh,
    verification: options.verification ?? DEFAULT_NEAR_DUPLICATE.verification,
  };
}

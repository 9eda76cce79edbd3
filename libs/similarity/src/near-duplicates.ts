import { LshIndex } from './lsh-index';
import type { LshOptions } from './lsh-index';
import { MinHasher } from './minhash';
import type { MinHashOptions } from './minhash';
import { estimateJaccard } from './minhash';
import { jaccardAtLeast } from './sorted-sets';

export interface NearDuplicateOptions {
  /** Pairs at or above this Jaccard similarity are near-duplicates. */
  readonly threshold?: number;
  readonly minhash?: MinHashOptions;
  readonly lsh?: LshOptions;
  /**
   * How candidates are confirmed: 'exact' Jaccard on the shingle sets (default; no false positives,
   * similarity exact), or the MinHash 'estimate' (cheaper, ± ≈ 0.04 at 128 hashes).
   */
  readonly verification?: 'exact' | 'estimate';
  /**
   * 'exact' verification first drops candidates whose MinHash estimate is this far below the
   * threshold (a 128-slot comparison instead of a merge of two sets). 0.15 is ≈ 3.7 standard
   * errors at 128 hashes around 0.7, so a pair at the threshold is lost with probability ≈ 1e-4.
   * Infinity turns the prefilter off.
   */
  readonly prefilterMargin?: number;
}

/**
 * Defaults tuned on bench/list-similarity.bench.ts. Unrelated lists written in the same official
 * vocabulary share many trigrams (Jaccard median ≈ 0.17, 99th percentile ≈ 0.25 there), and every
 * such pair that collides costs a verification, so the S-curve must be steep: 21 bands of 6 rows
 * (126 of the 128 slots) put its midpoint at 0.60; a pair at 0.7 becomes a candidate with
 * probability 0.93, at 0.8 with 0.998, at 0.25 with 0.005 and at 0.17 with 0.0005. 25×5 finds
 * marginally more pairs near the threshold but proposes ~4× as many candidates, 32×4 ~40×.
 */
export const DEFAULT_NEAR_DUPLICATE: Required<NearDuplicateOptions> = {
  threshold: 0.7,
  minhash: { numHashes: 128 },
  lsh: { bands: 21, rows: 6 },
  verification: 'exact',
  prefilterMargin: 0.15,
};

export interface NearDuplicatePair {
  /** Positions in the input, a < b. */
  readonly a: number;
  readonly b: number;
  readonly similarity: number;
}

export interface NearDuplicateScreening {
  readonly pairs: readonly NearDuplicatePair[];
  /** Candidate pairs LSH proposed (verified one by one); compare with n(n−1)/2 for all pairs. */
  readonly candidates: number;
}

/**
 * All pairs of sets whose Jaccard similarity reaches the threshold, without comparing all pairs:
 * MinHash signatures, LSH banding for candidates, then verification. Near-linear in the number of
 * sets when few of them are near-duplicates. Empty sets are never paired.
 */
export function findNearDuplicates(
  sets: readonly Uint32Array[],
  options: NearDuplicateOptions = {},
): NearDuplicateScreening {
  const threshold = options.threshold ?? DEFAULT_NEAR_DUPLICATE.threshold;
  const lsh = options.lsh ?? DEFAULT_NEAR_DUPLICATE.lsh;
  const verification = options.verification ?? DEFAULT_NEAR_DUPLICATE.verification;
  const prefilter = threshold - (options.prefilterMargin ?? DEFAULT_NEAR_DUPLICATE.prefilterMargin);
  const hasher = new MinHasher(options.minhash ?? DEFAULT_NEAR_DUPLICATE.minhash);
  if (lsh.bands * lsh.rows > hasher.numHashes) {
    throw new RangeError(`bands × rows (${lsh.bands * lsh.rows}) exceeds numHashes (${hasher.numHashes})`);
  }

  const positions: number[] = []; // index id → input position (empty sets are left out)
  for (let i = 0; i < sets.length; i++) if (sets[i].length > 0) positions.push(i);
  const width = hasher.numHashes;
  const signatures = new Uint32Array(positions.length * width);
  const index = new LshIndex(lsh, positions.length);
  for (let id = 0; id < positions.length; id++) {
    hasher.signInto(sets[positions[id]], signatures, id * width);
    index.add(signatures, id * width);
  }

  const candidates = index.candidatePairs();
  const pairs: NearDuplicatePair[] = [];
  for (let k = 0; k < candidates.length; k += 2) {
    const a = positions[candidates[k]];
    const b = positions[candidates[k + 1]];
    const estimate = estimateJaccard(
      signatures,
      signatures,
      candidates[k] * width,
      candidates[k + 1] * width,
      width,
    );
    if (verification === 'estimate') {
      if (estimate >= threshold) pairs.push({ a, b, similarity: estimate });
    } else if (estimate >= prefilter) {
      const similarity = jaccardAtLeast(sets[a], sets[b], threshold);
      if (similarity >= threshold) pairs.push({ a, b, similarity });
    }
  }
  return { pairs, candidates: candidates.length / 2 };
}

import {
  candidateProbability,
  DEFAULT_BOILERPLATE,
  findNearDuplicates,
  fingerprintList,
  jaccardAtLeast,
  LshIndex,
  lshThreshold,
  MinHasher,
} from './index';
import { generateSyntheticLists } from '../test/synthetic-lists';

describe('LSH index', () => {
  const hasher = new MinHasher({ numHashes: 8 });
  const signature = (ids: number[]) => hasher.signature(Uint32Array.from(ids).sort());

  it('pairs documents that share a band, once each, and answers look-ups', () => {
    const index = new LshIndex({ bands: 4, rows: 2 });
    const a = signature([1, 2, 3, 4, 5]);
    index.add(a);
    index.add(signature([100, 200, 300]));
    index.add(a); // identical: shares every band with the first
    expect([...index.candidatePairs()]).toEqual([0, 2]);
    expect(index.query(a)).toEqual([0, 2]);
    expect(index.query(signature([7, 8, 9]))).toEqual([]);
    expect(index.size).toBe(3);
  });

  it('refuses signatures too short for its bands', () => {
    expect(() => new LshIndex({ bands: 5, rows: 2 }).add(new Uint32Array(8))).toThrow(/too short/);
  });

  it('follows the S-curve 1 − (1 − s^r)^b', () => {
    const options = { bands: 21, rows: 6 };
    expect(lshThreshold(options)).toBeCloseTo(0.6, 2);
    expect(candidateProbability(0.8, options)).toBeGreaterThan(0.99);
    expect(candidateProbability(0.2, options)).toBeLessThan(0.002);
  });

  it('finds nearly all pairs that exact all-pairs finds, with far fewer comparisons', () => {
    const { lists } = generateSyntheticLists({
      count: 1500,
      seed: 11,
      nearCopyShare: 0.1,
      exactCopyShare: 0.05,
    });
    const text = { boilerplate: DEFAULT_BOILERPLATE, shingleSize: 3, discountClaimedContent: true };
    const sets = lists.map((list) => fingerprintList(list.items, text).shingles);
    const threshold = 0.7;
    const exact = new Set<string>();
    for (let i = 0; i < sets.length; i++) {
      for (let j = i + 1; j < sets.length; j++) {
        if (jaccardAtLeast(sets[i], sets[j], threshold) >= threshold) exact.add(`${i}-${j}`);
      }
    }
    const screening = findNearDuplicates(sets, { threshold });
    const found = screening.pairs.map((pair) => `${pair.a}-${pair.b}`);
    expect(exact.size).toBeGreaterThan(100);
    expect(found.every((pair) => exact.has(pair))).toBe(true); // verified: no false positives
    expect(found.length / exact.size).toBeGreaterThanOrEqual(0.97);
    expect(screening.candidates).toBeLessThan((sets.length * (sets.length - 1)) / 2 / 50);
    // Same input, same output.
    expect(findNearDuplicates(sets, { threshold }).pairs).toEqual(screening.pairs);
  });
});

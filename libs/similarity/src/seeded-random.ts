/**
 * A small seeded PRNG (mulberry32): deterministic across runs and machines, for MinHash
 * permutations, synthetic data and tests. Not for anything secret.
 */
// Local aliases: global lookups are slow in vm contexts (see hashing.ts).
const imul = Math.imul;
const floor = Math.floor;

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniformly drawn 32-bit unsigned integer from a seeded PRNG. */
export function nextUint32(random: () => number): number {
  return floor(random() * 4294967296) >>> 0;
}

import { nextUint32, seededRandom } from './seeded-random';

export interface MinHashOptions {
  /** Signature length: more hashes, smaller estimation error (≈ 1/√n). Default 128. */
  readonly numHashes?: number;
  /** Seed of the hash family; signatures are comparable only between hashers of the same seed. */
  readonly seed?: number;
}

export const DEFAULT_MINHASH: Required<MinHashOptions> = { numHashes: 128, seed: 0x5eed_2025 };

const SIGN_BIT = -0x80000000;
/** Local alias: global lookups are slow in vm contexts (see hashing.ts). */
const imul = Math.imul;

/**
 * MinHash signatures of shingle sets. The i-th hash of a shingle id x is
 * `(a_i · x + b_i) mod 2^32` with odd a_i: a permutation of the 32-bit ids. Shingle ids are
 * already avalanche-mixed (fmix32), so this cheap affine family behaves like random permutations
 * while costing one multiply and one add per shingle and hash (minhash.spec.ts checks the
 * estimates against exact Jaccard). Deterministic: the family comes from a seeded PRNG.
 */
export class MinHasher {
  readonly numHashes: number;
  readonly seed: number;
  private readonly multipliers: Int32Array;
  private readonly addends: Int32Array;

  constructor(options: MinHashOptions = {}) {
    this.numHashes = options.numHashes ?? DEFAULT_MINHASH.numHashes;
    this.seed = options.seed ?? DEFAULT_MINHASH.seed;
    if (!Number.isInteger(this.numHashes) || this.numHashes < 1) {
      throw new RangeError('numHashes must be a positive integer');
    }
    const random = seededRandom(this.seed);
    this.multipliers = new Int32Array(this.numHashes);
    this.addends = new Int32Array(this.numHashes);
    for (let i = 0; i < this.numHashes; i++) {
      this.multipliers[i] = nextUint32(random) | 1;
      this.addends[i] = nextUint32(random);
    }
  }

  /** Writes the signature of `shingles` into `out[offset .. offset + numHashes)`. */
  signInto(shingles: Uint32Array, out: Uint32Array, offset = 0): void {
    const n = this.numHashes;
    const multipliers = this.multipliers;
    const addends = this.addends;
    const count = shingles.length;
    const ids = new Int32Array(shingles.buffer, shingles.byteOffset, count); // same bits, read as int32
    // Four hashes per pass over the shingles, their running minima in registers. Comparing with
    // the sign bit flipped orders int32 values as uint32 without leaving small integers.
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const a0 = multipliers[i];
      const a1 = multipliers[i + 1];
      const a2 = multipliers[i + 2];
      const a3 = multipliers[i + 3];
      const b0 = addends[i];
      const b1 = addends[i + 1];
      const b2 = addends[i + 2];
      const b3 = addends[i + 3];
      let m0 = 0x7fffffff;
      let m1 = 0x7fffffff;
      let m2 = 0x7fffffff;
      let m3 = 0x7fffffff;
      for (let s = 0; s < count; s++) {
        const x = ids[s];
        const h0 = ((imul(a0, x) + b0) | 0) ^ SIGN_BIT;
        const h1 = ((imul(a1, x) + b1) | 0) ^ SIGN_BIT;
        const h2 = ((imul(a2, x) + b2) | 0) ^ SIGN_BIT;
        const h3 = ((imul(a3, x) + b3) | 0) ^ SIGN_BIT;
        if (h0 < m0) m0 = h0;
        if (h1 < m1) m1 = h1;
        if (h2 < m2) m2 = h2;
        if (h3 < m3) m3 = h3;
      }
      out[offset + i] = (m0 ^ SIGN_BIT) >>> 0;
      out[offset + i + 1] = (m1 ^ SIGN_BIT) >>> 0;
      out[offset + i + 2] = (m2 ^ SIGN_BIT) >>> 0;
      out[offset + i + 3] = (m3 ^ SIGN_BIT) >>> 0;
    }
    for (; i < n; i++) {
      const a = multipliers[i];
      const b = addends[i];
      let m = 0x7fffffff;
      for (let s = 0; s < count; s++) {
        const h = ((imul(a, ids[s]) + b) | 0) ^ SIGN_BIT;
        if (h < m) m = h;
      }
      out[offset + i] = (m ^ SIGN_BIT) >>> 0;
    }
  }

  /** The signature of `shingles` (all slots 0xffffffff for an empty set). */
  signature(shingles: Uint32Array): Uint32Array {
    const out = new Uint32Array(this.numHashes);
    this.signInto(shingles, out);
    return out;
  }
}

/** Share of equal slots: an unbiased estimate of the Jaccard similarity of the two sets. */
export function estimateJaccard(
  a: Uint32Array,
  b: Uint32Array,
  aOffset = 0,
  bOffset = 0,
  length = a.length,
): number {
  let equal = 0;
  for (let i = 0; i < length; i++) if (a[aOffset + i] === b[bOffset + i]) equal++;
  return length === 0 ? 0 : equal / length;
}

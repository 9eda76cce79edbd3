/**
 * 32-bit hashing shared by shingles, MinHash and LSH. Pure integer arithmetic (32-bit multiply), so the
 * same input gives the same value on every machine and in Temporal's workflow sandbox.
 */

// Math is a global: inside a vm context (Jest, Temporal's workflow sandbox) every global lookup in a
// hot loop goes through the context's interceptor and keeps V8 from optimising (~30× slower there).
const imul = Math.imul;

/** MurmurHash3's finaliser: a bijection on 32-bit integers with full avalanche. */
export function fmix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Hash of code points `codePoints[start..end)`: FNV-1a over whole code points, then fmix32. */
export function hashCodePoints(codePoints: ArrayLike<number>, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = imul(h ^ codePoints[i], FNV_PRIME);
  return fmix32(h);
}

import { estimateJaccard, fmix32, jaccard, MinHasher, seededRandom, sortUnique } from './index';

/** Two sets of `size` ids sharing `shared` of them. */
function overlappingSets(size: number, shared: number, offset: number): [Uint32Array, Uint32Array] {
  const a = new Uint32Array(size);
  const b = new Uint32Array(size);
  for (let i = 0; i < size; i++) {
    a[i] = fmix32(offset + i);
    b[i] = fmix32(i < shared ? offset + i : offset + 1_000_000 + i);
  }
  return [sortUnique(a).slice(), sortUnique(b).slice()];
}

describe('MinHash', () => {
  it('is deterministic: same seed, same signature, in any process', () => {
    const [set] = overlappingSets(300, 0, 1);
    const first = new MinHasher({ seed: 42 }).signature(set);
    expect(new MinHasher({ seed: 42 }).signature(set)).toEqual(first);
    expect(new MinHasher({ seed: 43 }).signature(set)).not.toEqual(first);
    // Pinned values: a change of the hash family would silently invalidate stored signatures.
    expect([...new MinHasher().signature(Uint32Array.from([1, 2, 3])).slice(0, 4)]).toEqual([
      2226468630, 1518439796, 254209066, 848539087,
    ]);
  });

  it('writes a signature at an offset without touching the rest', () => {
    const [set] = overlappingSets(50, 0, 7);
    const hasher = new MinHasher({ numHashes: 10 });
    const out = new Uint32Array(30);
    hasher.signInto(set, out, 10);
    expect([...out.subarray(10, 20)]).toEqual([...hasher.signature(set)]);
    expect(out.subarray(0, 10).every((value) => value === 0)).toBe(true);
    expect(out.subarray(20).every((value) => value === 0)).toBe(true);
  });

  it('estimates Jaccard within the expected error (≈ 1/√128 at worst)', () => {
    const hasher = new MinHasher();
    const random = seededRandom(5);
    let squaredError = 0;
    const trials = 300;
    for (let trial = 0; trial < trials; trial++) {
      const size = 100 + Math.floor(random() * 900);
      const [a, b] = overlappingSets(size, Math.floor(random() * size), trial * 10_000_000);
      const error = estimateJaccard(hasher.signature(a), hasher.signature(b)) - jaccard(a, b);
      expect(Math.abs(error)).toBeLessThan(0.2);
      squaredError += error * error;
    }
    expect(Math.sqrt(squaredError / trials)).toBeLessThan(0.045);
  });

  it('signs the empty set with all slots at the maximum', () => {
    expect(new MinHasher({ numHashes: 4 }).signature(new Uint32Array(0))).toEqual(
      Uint32Array.from([-1, -1, -1, -1]),
    );
  });
});

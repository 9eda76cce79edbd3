import { fmix32 } from './hashing';

export interface LshOptions {
  /** Number of bands; a pair becomes a candidate when any one band matches exactly. */
  readonly bands: number;
  /** Signature slots per band; bands × rows must not exceed the signature length. */
  readonly rows: number;
}

/** Probability that a pair of Jaccard similarity `similarity` becomes a candidate: 1 − (1 − s^r)^b. */
export function candidateProbability(similarity: number, options: LshOptions): number {
  return 1 - Math.pow(1 - Math.pow(similarity, options.rows), options.bands);
}

/** The similarity where the S-curve is steepest, ≈ (1/b)^(1/r): pairs above it are mostly found. */
export function lshThreshold(options: LshOptions): number {
  return Math.pow(1 / options.bands, 1 / options.rows);
}

/** Ids and band keys share one float64: key · 2^21 + id, exact below 2^53. */
const ID_BITS = 21;
const ID_LIMIT = 2 ** ID_BITS;
// Local alias: global lookups are slow in vm contexts (see hashing.ts).
const floor = Math.floor;

/**
 * Locality-sensitive hashing over MinHash signatures, banded. Each document keeps one 32-bit key
 * per band (the hash of its rows); per band the keys are sorted together with the ids, so equal
 * keys sit side by side. That is compact (no map entry per document and band), deterministic,
 * and serves both the batch question (all candidate pairs) and single look-ups (binary search).
 * Holds up to 2^21 (≈ 2 million) documents.
 */
export class LshIndex {
  readonly bands: number;
  readonly rows: number;
  private keys: Uint32Array;
  private count = 0;
  private sortedBands: Float64Array[] | null = null;

  constructor(options: LshOptions, expectedSize = 1024) {
    if (
      !Number.isInteger(options.bands) ||
      options.bands < 1 ||
      !Number.isInteger(options.rows) ||
      options.rows < 1
    ) {
      throw new RangeError('bands and rows must be positive integers');
    }
    this.bands = options.bands;
    this.rows = options.rows;
    this.keys = new Uint32Array(Math.max(1, expectedSize) * this.bands);
  }

  get size(): number {
    return this.count;
  }

  /** Adds the signature at `signature[offset ..]`; returns its id (0, 1, 2, … in order of adding). */
  add(signature: Uint32Array, offset = 0): number {
    this.checkLength(signature, offset);
    if (this.count >= ID_LIMIT) throw new RangeError(`an LshIndex holds at most ${ID_LIMIT} documents`);
    if ((this.count + 1) * this.bands > this.keys.length) {
      const grown = new Uint32Array(this.keys.length * 2);
      grown.set(this.keys);
      this.keys = grown;
    }
    const id = this.count++;
    for (let band = 0; band < this.bands; band++) {
      this.keys[id * this.bands + band] = this.bandKey(signature, offset, band);
    }
    this.sortedBands = null;
    return id;
  }

  /** Ids of the documents sharing at least one band with the signature, ascending. */
  query(signature: Uint32Array, offset = 0): number[] {
    this.checkLength(signature, offset);
    const sorted = this.sorted();
    const found = new Set<number>();
    for (let band = 0; band < this.bands; band++) {
      const entries = sorted[band];
      const key = this.bandKey(signature, offset, band);
      let low = 0;
      let high = entries.length;
      const first = key * ID_LIMIT;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (entries[middle] < first) low = middle + 1;
        else high = middle;
      }
      for (let i = low; i < entries.length && floor(entries[i] / ID_LIMIT) === key; i++) {
        found.add(entries[i] % ID_LIMIT);
      }
    }
    return [...found].sort((a, b) => a - b);
  }

  /**
   * Every pair of documents that share at least one band, once each, as [a0, b0, a1, b1, …] with
   * a < b, sorted. A bucket of m documents yields m(m−1)/2 pairs, so near-identical clusters cost
   * quadratic time in their own size (not in the collection's).
   */
  candidatePairs(): Uint32Array {
    const sorted = this.sorted();
    const pairs = new PackedPairs(Math.max(16, this.count));
    for (let band = 0; band < this.bands; band++) {
      const entries = sorted[band];
      let runStart = 0;
      while (runStart < entries.length) {
        const key = floor(entries[runStart] / ID_LIMIT);
        let runEnd = runStart + 1;
        while (runEnd < entries.length && floor(entries[runEnd] / ID_LIMIT) === key) runEnd++;
        for (let i = runStart; i < runEnd - 1; i++) {
          const a = entries[i] % ID_LIMIT; // ids ascend within a run: entries sort by key, then id
          pairs.reserve(runEnd - i - 1);
          for (let j = i + 1; j < runEnd; j++) pairs.push(a * ID_LIMIT + (entries[j] % ID_LIMIT));
        }
        runStart = runEnd;
      }
    }
    const unique = pairs.distinct();
    const out = new Uint32Array(unique.length * 2);
    for (let i = 0; i < unique.length; i++) {
      out[2 * i] = floor(unique[i] / ID_LIMIT);
      out[2 * i + 1] = unique[i] % ID_LIMIT;
    }
    return out;
  }

  private bandKey(signature: Uint32Array, offset: number, band: number): number {
    let h = fmix32(band + 1);
    const start = offset + band * this.rows;
    for (let row = 0; row < this.rows; row++) h = fmix32(h ^ signature[start + row]);
    return h;
  }

  private sorted(): Float64Array[] {
    if (this.sortedBands === null) {
      const sortedBands: Float64Array[] = [];
      for (let band = 0; band < this.bands; band++) {
        const entries = new Float64Array(this.count);
        for (let id = 0; id < this.count; id++)
          entries[id] = this.keys[id * this.bands + band] * ID_LIMIT + id;
        sortedBands.push(entries.sort());
      }
      this.sortedBands = sortedBands;
    }
    return this.sortedBands;
  }

  private checkLength(signature: Uint32Array, offset: number): void {
    if (signature.length - offset < this.bands * this.rows) {
      throw new RangeError(`signature too short for ${this.bands} bands × ${this.rows} rows`);
    }
  }
}

/**
 * A growable buffer of packed pairs. The same pair turns up in many bands (a near-copy matches in
 * most of them), so when the buffer fills it is first deduplicated in place, and grown only if that
 * does not free enough room: memory stays near twice the number of distinct pairs.
 */
class PackedPairs {
  private values: Float64Array;
  private length = 0;
  private distinctUpTo = 0;

  constructor(capacity: number) {
    this.values = new Float64Array(capacity);
  }

  reserve(extra: number): void {
    if (this.length + extra <= this.values.length) return;
    this.compact();
    if (this.length + extra <= this.values.length / 2) return;
    const grown = new Float64Array(Math.max(this.length + extra, this.values.length * 2));
    grown.set(this.values.subarray(0, this.length));
    this.values = grown;
  }

  push(value: number): void {
    this.values[this.length++] = value;
  }

  distinct(): Float64Array {
    this.compact();
    return this.values.subarray(0, this.length);
  }

  private compact(): void {
    if (this.distinctUpTo === this.length) return;
    const values = this.values.subarray(0, this.length).sort();
    let write = 0;
    for (let read = 0; read < values.length; read++) {
      if (write === 0 || values[read] !== values[write - 1]) values[write++] = values[read];
    }
    this.length = write;
    this.distinctUpTo = write;
  }
}

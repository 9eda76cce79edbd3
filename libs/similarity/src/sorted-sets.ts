/**
 * Sets of 32-bit ids kept as sorted, duplicate-free Uint32Arrays: compact, and every set operation
 * is one linear merge.
 */

/** Sorts `values` in place and returns the duplicate-free prefix (a view, not a copy). */
export function sortUnique(values: Uint32Array): Uint32Array {
  if (values.length < 2) return values;
  sortUint32(values, 0, values.length - 1);
  let write = 1;
  for (let read = 1; read < values.length; read++) {
    if (values[read] !== values[write - 1]) values[write++] = values[read];
  }
  return values.subarray(0, write);
}

/**
 * In-place quicksort (median of three, insertion sort below 24 elements) of values[low..high].
 * For the small arrays shingling produces it beats the built-in sort, which copies and allocates.
 */
function sortUint32(values: Uint32Array, low: number, high: number): void {
  while (high - low >= 24) {
    const middle = (low + high) >>> 1;
    if (values[middle] < values[low]) swap(values, middle, low);
    if (values[high] < values[low]) swap(values, high, low);
    if (values[high] < values[middle]) swap(values, high, middle);
    const pivot = values[middle];
    let i = low;
    let j = high;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) swap(values, i++, j--);
    }
    // Recurse into the smaller side, loop on the larger: stack depth stays logarithmic.
    if (j - low < high - i) {
      sortUint32(values, low, j);
      low = i;
    } else {
      sortUint32(values, i, high);
      high = j;
    }
  }
  for (let i = low + 1; i <= high; i++) {
    const value = values[i];
    let j = i - 1;
    while (j >= low && values[j] > value) {
      values[j + 1] = values[j];
      j--;
    }
    values[j + 1] = value;
  }
}

function swap(values: Uint32Array, i: number, j: number): void {
  const value = values[i];
  values[i] = values[j];
  values[j] = value;
}

/** |a ∩ b| by merging. */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let count = 0;
  const aLength = a.length;
  const bLength = b.length;
  while (i < aLength && j < bLength) {
    const x = a[i];
    const y = b[j];
    if (x === y) {
      count++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return count;
}

/** Exact Jaccard similarity |a ∩ b| / |a ∪ b|; 0 when both are empty (no evidence of copying). */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  const common = intersectionSize(a, b);
  return common / (a.length + b.length - common);
}

/**
 * Jaccard if it reaches `threshold`, else a number below it (possibly 0), computed faster: sets
 * whose sizes alone rule the threshold out are skipped, and the merge stops once the rest of the
 * shorter set can no longer lift the overlap high enough. Exact for every decision `>= threshold`.
 * (min and ceil are written out: global lookups are slow in vm contexts, see hashing.ts.)
 */
export function jaccardAtLeast(a: Uint32Array, b: Uint32Array, threshold: number): number {
  const aLength = a.length;
  const bLength = b.length;
  if (aLength === 0 || bLength === 0) return 0;
  if ((aLength < bLength ? aLength : bLength) < threshold * (aLength < bLength ? bLength : aLength)) return 0;
  // J >= t  <=>  common >= t (|a| + |b|) / (1 + t); an integer count, so round up.
  const bound = (threshold * (aLength + bLength)) / (1 + threshold) - 1e-9;
  const needed = bound > (bound | 0) ? (bound | 0) + 1 : bound | 0;
  let i = 0;
  let j = 0;
  let count = 0;
  while (i < aLength && j < bLength) {
    const x = a[i];
    const y = b[j];
    if (x === y) {
      count++;
      i++;
      j++;
    } else if (x < y) {
      i++;
      if (count + (aLength - i < bLength - j ? aLength - i : bLength - j) < needed) return 0;
    } else {
      j++;
      if (count + (aLength - i < bLength - j ? aLength - i : bLength - j) < needed) return 0;
    }
  }
  return count / (aLength + bLength - count);
}

/** |small ∩ large| / |small|: how much of `part` is contained in `whole` (0 for an empty part). */
export function containment(part: Uint32Array, whole: Uint32Array): number {
  return part.length === 0 ? 0 : intersectionSize(part, whole) / part.length;
}

/** a ∪ b as a new sorted set, by one merge. */
export function unionOfTwo(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let write = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x === y) {
      out[write++] = x;
      i++;
      j++;
    } else if (x < y) {
      out[write++] = x;
      i++;
    } else {
      out[write++] = y;
      j++;
    }
  }
  while (i < a.length) out[write++] = a[i++];
  while (j < b.length) out[write++] = b[j++];
  return write === out.length ? out : out.slice(0, write);
}

/** a ∪ b ∪ … as a new sorted set: merged pairwise, log2(k) rounds of linear merges, no sorting. */
export function union(sets: readonly Uint32Array[]): Uint32Array {
  if (sets.length === 0) return new Uint32Array(0);
  let parts = sets;
  while (parts.length > 1) {
    const merged: Uint32Array[] = [];
    for (let k = 0; k < parts.length; k += 2) {
      merged.push(k + 1 < parts.length ? unionOfTwo(parts[k], parts[k + 1]) : parts[k]);
    }
    parts = merged;
  }
  return parts[0] === sets[0] ? sets[0].slice() : parts[0];
}

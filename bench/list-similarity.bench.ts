/**
 * List similarity benchmark (see bench/README.md):
 *
 *   node -r @swc-node/register bench/list-similarity.bench.ts                 # 10,000, 20,000, 50,000 lists
 *   BENCH_SIZES=2000,5000 BENCH_BASELINE_SIZE=2000 node -r @swc-node/register bench/list-similarity.bench.ts
 *
 * Pure computation, no services. For each size: a deterministic synthetic city of personal
 * responsibility-risk lists (teams of ~6, one template, the units' committee items, every person's
 * list of last year) with planted exact copies, edited copies and template copies; `screenLists`
 * over all of it, timed, with lists per second and what it found. At the baseline size it also
 * times the near-duplicate stage alone, MinHash + LSH against the exact all-pairs Jaccard
 * comparison on the same shingle sets, and prints the speed-up and LSH's recall against the exact
 * pairs. Wall and CPU time are both shown (CPU time is steadier on a shared machine). Ends with the
 * peak RSS of the process.
 */
import type { Finding, ResponsibilityList, ScreeningResult } from '@dutychain/similarity';
import type { PlantedCopy } from '../libs/similarity/test/synthetic-lists';
import { generateSyntheticLists } from '../libs/similarity/test/synthetic-lists';
import {
  candidateProbability,
  DEFAULT_BOILERPLATE,
  DEFAULT_NEAR_DUPLICATE,
  DEFAULT_SHINGLE_SIZE,
  DEFAULT_THRESHOLDS,
  findNearDuplicates,
  fingerprintList,
  jaccard,
  jaccardAtLeast,
  lshThreshold,
  screenLists,
  seededRandom,
} from '@dutychain/similarity';

const env = process.env;
const int = (name: string, fallback: number): number => {
  const value = env[name] === undefined || env[name] === '' ? fallback : Number(env[name]);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number`);
  return value;
};

const options = {
  sizes: (env.BENCH_SIZES ?? '10000,20000,50000').split(',').map((size) => {
    const value = Number(size.trim());
    if (!Number.isInteger(value) || value < 2) throw new Error('BENCH_SIZES: comma-separated integers ≥ 2');
    return value;
  }),
  /** The size at which the all-pairs baseline runs (0: none). */
  baselineSize: int('BENCH_BASELINE_SIZE', 10_000),
  /**
   * Rows of the all-pairs baseline: 0 compares every pair; k > 0 compares k rows drawn at random
   * (seeded) with all others and extrapolates the time to all pairs (recall is then over the exact
   * pairs touching those rows).
   */
  baselineRows: int('BENCH_BASELINE_ROWS', 0),
  /** Lists screened once before measuring, so the JIT has compiled the hot paths. */
  warmup: int('BENCH_WARMUP', 2_000),
  seed: int('BENCH_SEED', 20_250_101),
  threshold: DEFAULT_THRESHOLDS.nearDuplicateList,
};

const text = {
  boilerplate: DEFAULT_BOILERPLATE,
  shingleSize: DEFAULT_SHINGLE_SIZE,
  discountClaimedContent: true,
};
const thousands = (value: number) => value.toLocaleString('en-US');
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const perSecond = (count: number, ms: number) => `${thousands(Math.round((count / ms) * 1000))}/s`;
const peakRss = () => process.resourceUsage().maxRSS * 1024;
/** CPU time of this process (user + system), in ms. */
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

interface Timed<T> {
  readonly result: T;
  readonly ms: number;
  readonly cpu: number;
}

function timed<T>(work: () => T): Timed<T> {
  const wallStart = performance.now();
  const cpuStart = cpuMs();
  const result = work();
  return { result, ms: performance.now() - wallStart, cpu: cpuMs() - cpuStart };
}

const times = (run: Timed<unknown>) => `${seconds(run.ms)} wall, ${seconds(run.cpu)} CPU`;

function generate(size: number) {
  return generateSyntheticLists({ count: size, seed: options.seed, withPreviousYear: true });
}

function screenCity(data: ReturnType<typeof generate>): ScreeningResult {
  return screenLists(data.lists, {
    templates: [data.template],
    previousLists: data.previousLists,
    committeeItems: data.committeeItems,
  });
}

function countByCode(findings: readonly Finding[]): string {
  const counts = new Map<string, number>();
  for (const finding of findings) counts.set(finding.code, (counts.get(finding.code) ?? 0) + 1);
  return [...counts].map(([code, count]) => `${code} ${thousands(count)}`).join(', ');
}

const rows: string[] = [];

function benchSize(size: number): void {
  const generated = timed(() => generate(size));
  const data = generated.result;
  const kinds = new Map<string, number>();
  for (const copy of data.planted) kinds.set(copy.kind, (kinds.get(copy.kind) ?? 0) + 1);
  console.log(
    `\n== ${thousands(size)} lists, ${thousands(data.previousLists.length)} of last year, ` +
      `${thousands(data.committeeItems.length)} committee items, 1 template (generated in ${seconds(generated.ms)}); ` +
      `planted: ${[...kinds].map(([kind, count]) => `${kind} ${count}`).join(', ')}`,
  );

  const screened = timed(() => screenCity(data));
  const result = screened.result;
  console.log(
    `screenLists: ${times(screened)} → ${perSecond(size, screened.ms)} lists (wall), ${perSecond(size, screened.cpu)} (CPU)`,
  );
  console.log(
    `  LSH candidate pairs ${thousands(result.stats.candidatePairs)} of ${thousands((size * (size - 1)) / 2)}; ` +
      `near-duplicate pairs ${thousands(result.nearDuplicates.length)} ` +
      `(${result.stats.templateCopies} whole-template copies left out of pairing)`,
  );
  console.log(`  findings: ${countByCode(result.findings)}`);
  reportPlanted(data.lists, data.planted, result);
  console.log(`  RSS now ${mib(process.memoryUsage().rss)}, peak so far ${mib(peakRss())}`);
  rows.push(
    `${thousands(size).padStart(7)} | ${perSecond(size, screened.ms).padStart(8)} | ${perSecond(size, screened.cpu).padStart(8)} | ` +
      `${thousands(result.stats.candidatePairs).padStart(10)} | ${mib(peakRss()).padStart(9)}`,
  );

  if (size === options.baselineSize) compareWithAllPairs(data.lists);
}

/**
 * How many planted copies the screening reports. Copied pairs count when both lists take part in the
 * city-wide pairing (a template copy does not, by design) and, for edited copies, when the edits left
 * them at or above the threshold.
 */
function reportPlanted(
  lists: readonly ResponsibilityList[],
  planted: readonly PlantedCopy[],
  result: ScreeningResult,
): void {
  const pairKeys = new Set(
    result.nearDuplicates.map((pair) => [pair.listId, pair.otherListId].sort().join(' ')),
  );
  const flagged = (code: string) =>
    new Set(result.findings.filter((f) => f.code === code).map((f) => f.listId));
  const fromTemplate = flagged('COPIED_FROM_TEMPLATE');
  const lastYear = flagged('SAME_AS_LAST_YEAR');
  const byId = new Map(lists.map((list) => [list.listId, list]));
  const similarity = (a: string, b: string) =>
    jaccard(
      fingerprintList(byId.get(a)!.items, text).shingles,
      fingerprintList(byId.get(b)!.items, text).shingles,
    );
  const count = {
    exact: [0, 0],
    near: [0, 0],
    template: [0, 0],
    lastYear: [0, 0],
    leftOut: 0,
    editedBelow: 0,
  };
  for (const copy of planted) {
    const tally = count[copy.kind];
    if (copy.kind === 'template' || copy.kind === 'lastYear') {
      tally[1]++;
      if ((copy.kind === 'template' ? fromTemplate : lastYear).has(copy.listId)) tally[0]++;
    } else if (fromTemplate.has(copy.listId) || fromTemplate.has(copy.sourceId)) {
      count.leftOut++;
    } else if (copy.kind === 'near' && similarity(copy.listId, copy.sourceId) < options.threshold) {
      count.editedBelow++;
    } else {
      tally[1]++;
      if (pairKeys.has([copy.listId, copy.sourceId].sort().join(' '))) tally[0]++;
    }
  }
  const ratio = ([found, total]: number[]) => `${found}/${total}`;
  console.log(
    `  planted copies reported: exact copies ${ratio(count.exact)} and edited copies ${ratio(count.near)} as pairs ` +
      `(not counted: ${count.editedBelow} edited below ${options.threshold}, ${count.leftOut} involving a template copy); ` +
      `template copies ${ratio(count.template)}; unchanged from last year ${ratio(count.lastYear)}`,
  );
}

function compareWithAllPairs(lists: readonly ResponsibilityList[]): void {
  const n = lists.length;
  const shingled = timed(() => lists.map((list) => fingerprintList(list.items, text).shingles));
  const sets = shingled.result;
  const lsh = DEFAULT_NEAR_DUPLICATE.lsh;
  console.log(
    `\n-- near-duplicate stage alone at ${thousands(n)} lists (all of them, template copies included), ` +
      `Jaccard ≥ ${options.threshold}; normalising + shingling: ${times(shingled)}, shared by both methods`,
  );

  const screening = timed(() => findNearDuplicates(sets, { threshold: options.threshold }));
  console.log(
    `MinHash ${DEFAULT_NEAR_DUPLICATE.minhash.numHashes} + LSH ${lsh.bands}×${lsh.rows} ` +
      `(S-curve midpoint ${lshThreshold(lsh).toFixed(2)}; P(candidate) at J=0.7 ${candidateProbability(0.7, lsh).toFixed(3)}, ` +
      `at 0.8 ${candidateProbability(0.8, lsh).toFixed(3)}): ${times(screening)}, ` +
      `${thousands(screening.result.candidates)} candidates, ${thousands(screening.result.pairs.length)} pairs`,
  );

  // The exact baseline: every pair (or every pair touching the sampled rows), merge intersection of
  // sorted shingle-id arrays, with jaccardAtLeast's exact size filter and early exit (no pair at or
  // above the threshold can be lost).
  const sampled = options.baselineRows > 0 && options.baselineRows < n;
  const sample = sampled ? sampleRows(n, options.baselineRows) : [];
  const inSample = new Uint8Array(n);
  for (const row of sample) inSample[row] = 1;
  const exact = timed(() => {
    const pairs = new Set<number>();
    let compared = 0;
    const check = (i: number, j: number) => {
      compared++;
      if (jaccardAtLeast(sets[i], sets[j], options.threshold) >= options.threshold) pairs.add(i * n + j);
    };
    if (sampled) {
      for (const i of sample) {
        for (let j = 0; j < n; j++) {
          if (j === i || (inSample[j] && j < i)) continue; // pairs inside the sample once
          check(Math.min(i, j), Math.max(i, j));
        }
      }
    } else {
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) check(i, j);
    }
    return { pairs, compared };
  });
  const allPairs = (n * (n - 1)) / 2;
  const scale = allPairs / exact.result.compared; // 1 unless sampled
  const exactMs = exact.ms * scale;
  const exactCpu = exact.cpu * scale;

  const lshPairs = new Set(screening.result.pairs.map((pair) => pair.a * n + pair.b));
  let recalled = 0;
  for (const key of exact.result.pairs) if (lshPairs.has(key)) recalled++;
  const truth = exact.result.pairs.size;
  const recall = truth === 0 ? 1 : recalled / truth;
  console.log(
    sampled
      ? `exact all-pairs, SAMPLED: ${options.baselineRows} random rows × all lists = ${thousands(exact.result.compared)} of ` +
          `${thousands(allPairs)} pairs in ${times(exact)}; EXTRAPOLATED to all pairs: ${seconds(exactMs)} wall, ` +
          `${seconds(exactCpu)} CPU; ${thousands(truth)} pairs ≥ ${options.threshold} touch the sample`
      : `exact all-pairs (${thousands(allPairs)} pairs): ${times(exact)}, ${thousands(truth)} pairs ≥ ${options.threshold}`,
  );
  console.log(
    `SPEED-UP ${(exactMs / screening.ms).toFixed(1)}× wall, ${(exactCpu / screening.cpu).toFixed(1)}× CPU ` +
      `(${((exactCpu + shingled.cpu) / (screening.cpu + shingled.cpu)).toFixed(1)}× CPU counting the shared shingling); ` +
      `RECALL of LSH against exact ${recall.toFixed(4)} (${recalled}/${truth}${sampled ? ', sampled rows' : ''}); ` +
      `precision 1 (every reported pair is verified exactly)`,
  );
}

/** k distinct rows of n, drawn with the bench seed (deterministic). */
function sampleRows(n: number, k: number): number[] {
  const random = seededRandom(options.seed ^ 0x5a5a5a5a);
  const rows = new Set<number>();
  while (rows.size < k) rows.add(Math.floor(random() * n));
  return [...rows].sort((a, b) => a - b);
}

console.log(
  `list similarity bench: sizes ${options.sizes.map(thousands).join(', ')}; all-pairs baseline at ` +
    `${options.baselineSize ? thousands(options.baselineSize) : 'none'}` +
    `${options.baselineRows > 0 ? ` on ${options.baselineRows} sampled rows` : ''}; seed ${options.seed}; ` +
    `Node ${process.version}`,
);
const total = timed(() => {
  if (options.warmup > 0) screenCity(generate(options.warmup));
  for (const size of options.sizes) benchSize(size);
});
console.log(`\n  lists | wall/s   | CPU/s    | candidates | peak RSS\n${rows.join('\n')}`);
console.log(`total ${times(total)}; peak RSS ${mib(peakRss())}`);

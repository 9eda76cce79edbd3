/** Just enough of the Prometheus text format to diff two scrapes of a process's metrics. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export function parsePrometheus(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[pair[1] ?? ''] = pair[2] ?? '';
    samples.push({ name: match[1] ?? '', labels, value: Number(match[3]) });
  }
  return samples;
}

export async function scrape(url: string): Promise<Sample[]> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return response.ok ? parsePrometheus(await response.text()) : [];
  } catch {
    return [];
  }
}

/** Sum of a metric's samples whose labels include `where`. */
export function total(samples: Sample[], name: string, where: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(where).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

/** Change of a counter (or histogram _sum/_count) between two scrapes. */
export function delta(
  before: Sample[],
  after: Sample[],
  name: string,
  where: Record<string, string> = {},
): number {
  return total(after, name, where) - total(before, name, where);
}

/** Mean of a histogram over the window between two scrapes (NaN when nothing was observed). */
export function windowMean(
  before: Sample[],
  after: Sample[],
  histogram: string,
  where: Record<string, string> = {},
): { count: number; mean: number } {
  const count = delta(before, after, `${histogram}_count`, where);
  const sum = delta(before, after, `${histogram}_sum`, where);
  return { count, mean: count > 0 ? sum / count : Number.NaN };
}

/** Smallest and largest value of a gauge in one scrape. */
export function gaugeRange(samples: Sample[], name: string, where: Record<string, string> = {}): string {
  const values = samples
    .filter((s) => s.name === name && Object.entries(where).every(([k, v]) => s.labels[k] === v))
    .map((s) => s.value);
  return values.length === 0 ? 'n/a' : `${Math.min(...values)}..${Math.max(...values)}`;
}

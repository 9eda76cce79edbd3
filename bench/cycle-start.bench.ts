/**
 * Cycle start benchmark (see bench/README.md):
 *
 *   node -r @swc-node/register bench/cycle-start.bench.ts            # 10,000 units
 *   BENCH_UNITS=1000 node -r @swc-node/register bench/cycle-start.bench.ts
 *
 * On the local dev server, in one run: a fresh database, this run's own org and cycles service
 * processes (own ports, own task queue), a synthetic city on four levels imported through the org
 * service; then (a) the baseline, N trivial workflows started from a client on their own task
 * queue and worker process, and (b) POST /cycles for the city with includeSubtree, timed until
 * visibility counts every unit's cycle as running. Prints both rates, their ratio and the peak
 * memory of the cycles service process (which hosts the cycles worker) and of the baseline worker,
 * then terminates (and deletes) the run's workflows, stops its processes and drops its database.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { Client, Connection } from '@temporalio/client';
import type { TestDatabase } from '@dutychain/testing';
import { createTestDatabase } from '@dutychain/testing';
import type { Sample } from './support/prometheus';
import { delta, gaugeRange, scrape, windowMean } from './support/prometheus';
import { BenchProcess, freePort, MemorySampler } from './support/processes';
import { buildSyntheticCity, CITY_CODE, shapeFor, unitCount } from './support/synthetic-city';

const env = process.env;
const int = (name: string, fallback: number): number => {
  const value = env[name] === undefined || env[name] === '' ? fallback : Number(env[name]);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number`);
  return value;
};

const options = {
  units: int('BENCH_UNITS', 10_000),
  districts: env.BENCH_DISTRICTS ? int('BENCH_DISTRICTS', 16) : undefined,
  townsPerDistrict: env.BENCH_TOWNS_PER_DISTRICT ? int('BENCH_TOWNS_PER_DISTRICT', 20) : undefined,
  /**
   * Compressed year. At 1 h a calendar day lasts ~10 s, so the first yellow reminders (21 January)
   * come ~3.3 min after the start, inside a 10,000-unit run: the default, one day, keeps the whole
   * bench inside the first days of January, where nothing but the cascade happens.
   */
  yearLastsMs: int('BENCH_YEAR_LASTS_MS', 86_400_000),
  baselineConcurrency: int('BENCH_BASELINE_CONCURRENCY', 32),
  pollMs: int('BENCH_POLL_MS', 500),
  /** After every cycle is visible, wait (at most this long) until the cycles worker is idle. 0: don't. */
  settleMaxMs: int('BENCH_SETTLE_MAX_MS', 300_000),
  /** Experiments: extra WorkerOptions (JSON) for both workers; the cycles worker then runs in a bench process. */
  workerOptions: env.BENCH_WORKER_OPTIONS,
  timeoutMs: int('BENCH_TIMEOUT_MS', 30 * 60_000),
  order: env.BENCH_ORDER === 'cycle-first' ? 'cycle-first' : 'baseline-first',
  keepWorkflows: env.BENCH_KEEP_WORKFLOWS === '1',
  workerMetrics: env.BENCH_WORKER_METRICS !== '0',
  temporalAddress: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
  namespace: env.TEMPORAL_NAMESPACE ?? 'default',
};

const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const cyclesQueue = `bench-cycles-${run}`;
const trivialQueue = `bench-trivial-${run}`;
const year = 2100 + (randomBytes(2).readUInt16BE() % 800);
const bootstrapKey = `bench-bootstrap-${randomBytes(24).toString('hex')}`;
const admin = { 'x-api-key': bootstrapKey, 'content-type': 'application/json' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.timeOrigin + performance.now();
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const log = (message: string) => console.log(`[bench +${secs(now() - benchStart)}] ${message}`);
const benchStart = now();

async function call(baseUrl: string, method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: admin,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 2000)}`);
  return JSON.parse(text);
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` in flight. */
async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      for (let i = next++; i < count; i = next++) await task(i);
    }),
  );
}

interface Progress {
  /** Wall-clock ms since the start at which visibility first counted at least each share of the units. */
  marks: { share: number; atMs: number }[];
  doneAtMs: number;
  polls: number;
}

/** Polls `count()` until it reaches `target`; notes when 10/25/50/75/90/100 % were first seen. */
async function waitForCount(
  what: string,
  target: number,
  startedAt: number,
  count: () => Promise<number>,
): Promise<Progress> {
  const shares = [0.1, 0.25, 0.5, 0.75, 0.9, 1];
  const marks: Progress['marks'] = [];
  let polls = 0;
  let lastLog = now();
  for (;;) {
    const seen = await count();
    polls++;
    const at = now() - startedAt;
    while (marks.length < shares.length && seen >= target * (shares[marks.length] ?? 1))
      marks.push({ share: shares[marks.length] ?? 1, atMs: at });
    if (seen >= target) return { marks, doneAtMs: at, polls };
    if (now() - lastLog > 10_000) {
      log(`${what}: ${seen}/${target} visible after ${secs(at)}`);
      lastLog = now();
    }
    if (at > options.timeoutMs) throw new Error(`${what}: only ${seen}/${target} after ${secs(at)}`);
    await sleep(options.pollMs);
  }
}

/** Latest StartTime (epoch ms) among the workflows a visibility query matches, and how many it matched. */
async function latestStart(client: Client, query: string): Promise<{ latest: number; listed: number }> {
  let latest = 0;
  let listed = 0;
  for await (const info of client.workflow.list({ query, pageSize: 1000 })) {
    listed++;
    latest = Math.max(latest, info.startTime.getTime());
  }
  return { latest, listed };
}

/** Time (ms after `startedAt`) at which a worker's metrics show `target` more workflow tasks done than in `before`. */
async function workerTasksDone(
  url: string,
  before: Sample[],
  target: number,
  startedAt: number,
): Promise<number | undefined> {
  if (!options.workerMetrics || before.length === 0) return undefined;
  for (;;) {
    const done = delta(before, await scrape(url), 'temporal_workflow_task_queue_poll_succeed');
    const at = now() - startedAt;
    if (done >= target) return at;
    if (at > options.timeoutMs) return undefined;
    await sleep(options.pollMs);
  }
}

/**
 * Waits until a worker's workflow and activity task counters stop moving for `quietMs`; answers
 * when (ms after `startedAt`) they last moved, or undefined when still busy after `maxMs`.
 */
async function workerIdle(
  url: string,
  startedAt: number,
  maxMs: number,
  quietMs = 5_000,
): Promise<number | undefined> {
  const work = (samples: Sample[]) =>
    delta([], samples, 'temporal_workflow_task_queue_poll_succeed') +
    delta([], samples, 'temporal_activity_task_received');
  const deadline = now() + maxMs;
  let last = -1;
  let lastChange = now();
  for (;;) {
    const samples = await scrape(url);
    if (samples.length === 0) return undefined;
    const done = work(samples);
    if (done !== last) {
      last = done;
      lastChange = now();
    } else if (now() - lastChange >= quietMs) return lastChange - startedAt;
    if (now() > deadline) return undefined;
    await sleep(1_000);
  }
}

interface PhaseResult {
  label: string;
  count: number;
  /** From the first request until visibility counts them all as running. */
  visibleMs: number;
  /** From the first request until the latest StartTime the server recorded (no visibility lag). */
  serverMs: number;
  progress: Progress;
  extra: string[];
}

const rate = (count: number, ms: number) => count / (ms / 1000);

const cleanups: { name: string; run: () => Promise<void> }[] = [];
/** Output tails of the run's processes, printed when the bench fails. */
const tails: { name: string; tail: () => string }[] = [];
let cleaning: Promise<void> | undefined;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step.run();
      } catch (error) {
        console.error(`[bench] clean-up step '${step.name}' failed:`, error);
      }
    }
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`[bench] ${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

/**
 * Terminates the run's workflows on a task queue, repeating while visibility still shows running
 * ones. Unless BENCH_KEEP_WORKFLOWS=1 they are deleted instead (the server terminates a running
 * workflow before deleting it), so that runs do not pile up in the dev server's database.
 */
async function removeWorkflows(client: Client, taskQueue: string): Promise<void> {
  const running = `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'`;
  const query = options.keepWorkflows ? running : `TaskQueue = '${taskQueue}'`;
  const seen = new Set<string>();
  let removed = 0;
  for (let round = 0; round < 20; round++) {
    const ids: string[] = [];
    for await (const info of client.workflow.list({ query, pageSize: 1000 }))
      if (!seen.has(info.workflowId)) ids.push(info.workflowId);
    if (ids.length === 0) {
      // Visibility lags behind: done only when nothing runs any more.
      if ((await client.workflow.count(running)).count === 0) break;
      seen.clear(); // something still runs: try everything again
      await sleep(2_000);
      continue;
    }
    await pool(ids.length, 32, async (i) => {
      const workflowId = ids[i] ?? '';
      seen.add(workflowId);
      const done = options.keepWorkflows
        ? client.workflow.getHandle(workflowId).terminate('bench clean-up')
        : client.workflowService.deleteWorkflowExecution({
            namespace: options.namespace,
            workflowExecution: { workflowId },
          });
      await done.then(
        () => removed++,
        () => undefined,
      );
    });
  }
  const left = (await client.workflow.count(running)).count;
  log(
    `clean-up ${taskQueue}: ${removed} ${options.keepWorkflows ? 'terminated' : 'terminated and deleted'}, ${left} still running`,
  );
}

async function main(): Promise<void> {
  const shape = shapeFor(options.units, {
    districts: options.districts,
    townsPerDistrict: options.townsPerDistrict,
  });
  const units = unitCount(shape);
  console.log(
    `cycle-start bench: ${units} units (1 city, ${shape.districts} districts, ` +
      `${shape.districts * shape.townsPerDistrict} towns, ${shape.villages} villages), year ${year}, ` +
      `yearLastsMs ${options.yearLastsMs}, run ${run}; ${os.cpus().length} CPUs, ` +
      `load ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );

  const connection = await Connection.connect({ address: options.temporalAddress });
  const client = new Client({ connection, namespace: options.namespace });
  cleanups.push({ name: 'temporal client', run: () => connection.close() });

  const db: TestDatabase = await createTestDatabase('bench');
  cleanups.push({ name: 'drop database', run: () => db.drop() });

  const [orgPort, cyclesPort, cyclesMetricsPort, trivialMetricsPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const orgUrl = `http://127.0.0.1:${orgPort}`;
  const cyclesUrl = `http://127.0.0.1:${cyclesPort}`;
  const serviceEnv: NodeJS.ProcessEnv = {
    ...env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATABASE_URL: db.url,
    DUTYCHAIN_BOOTSTRAP_API_KEY: bootstrapKey,
    DUTYCHAIN_SERVICE_API_KEY: bootstrapKey,
    ORG_PORT: String(orgPort),
    ORG_URL: orgUrl,
    CYCLES_PORT: String(cyclesPort),
    CYCLES_TASK_QUEUE: cyclesQueue,
    CYCLES_WORKER_ENABLED: 'true',
    TEMPORAL_ADDRESS: options.temporalAddress,
    TEMPORAL_NAMESPACE: options.namespace,
  };
  delete serviceEnv.CYCLES_DEFAULT_YEAR_LASTS_MS;
  delete serviceEnv.BENCH_WORKER_OPTIONS;
  if (options.workerOptions) serviceEnv.CYCLES_WORKER_ENABLED = 'false';
  if (options.workerMetrics) serviceEnv.CYCLES_WORKER_METRICS_ADDRESS = `127.0.0.1:${cyclesMetricsPort}`;
  else delete serviceEnv.CYCLES_WORKER_METRICS_ADDRESS;

  const org = new BenchProcess('org service', 'services/org/src/main.ts', serviceEnv, {
    url: `${orgUrl}/health/ready`,
  });
  // The heap cap deploy/local/services.sh gives the cycles service (CYCLES_NODE_OPTIONS).
  const cycles = new BenchProcess(
    'cycles service',
    'services/cycles/src/main.ts',
    { ...serviceEnv, NODE_OPTIONS: env.CYCLES_NODE_OPTIONS ?? '--max-old-space-size=768' },
    { url: `${cyclesUrl}/health/ready` },
  );
  const tuned = options.workerOptions
    ? new BenchProcess(
        'tuned cycles worker',
        'bench/support/tuned-cycles-worker.ts',
        {
          ...serviceEnv,
          CYCLES_WORKER_ENABLED: 'true',
          BENCH_WORKER_OPTIONS: options.workerOptions,
          BENCH_WORKER_METRICS_ADDRESS: `127.0.0.1:${cyclesMetricsPort}`,
        },
        { line: 'tuned cycles worker running' },
      )
    : undefined;
  const trivial = new BenchProcess(
    'baseline worker',
    'bench/trivial-workflow/worker.ts',
    {
      ...env,
      BENCH_TASK_QUEUE: trivialQueue,
      TEMPORAL_ADDRESS: options.temporalAddress,
      TEMPORAL_NAMESPACE: options.namespace,
      ...(options.workerMetrics ? { BENCH_WORKER_METRICS_ADDRESS: `127.0.0.1:${trivialMetricsPort}` } : {}),
      ...(options.workerOptions ? { BENCH_WORKER_OPTIONS: options.workerOptions } : {}),
    },
    { line: 'trivial worker running' },
  );
  for (const p of [org, cycles, trivial, ...(tuned ? [tuned] : [])])
    tails.push({ name: p.name, tail: () => p.tail(2000) });
  // The process that hosts the cycles worker: the cycles service itself, or the tuned bench worker.
  const memory = new MemorySampler({ cycles: () => (tuned ?? cycles).pid, baseline: () => trivial.pid });
  // Clean-up runs in reverse: workflows go first (after the cycles worker has stopped, so the
  // cascade cannot start more), then the processes, then the database.
  cleanups.push({ name: 'stop org service', run: () => org.stop() });
  cleanups.push({ name: 'stop baseline worker', run: () => trivial.stop() });
  cleanups.push({ name: 'remove baseline workflows', run: () => removeWorkflows(client, trivialQueue) });
  cleanups.push({ name: 'remove cycle workflows', run: () => removeWorkflows(client, cyclesQueue) });
  cleanups.push({ name: 'stop cycles service', run: () => cycles.stop() });
  if (tuned) cleanups.push({ name: 'stop tuned cycles worker', run: () => tuned.stop() });
  cleanups.push({ name: 'memory sampler', run: () => Promise.resolve(memory.stop()) });

  // ---- set-up (not timed) ----
  await org.start();
  log(`org service ready on ${orgUrl}`);
  const document = buildSyntheticCity(shape);
  const importStart = now();
  const imported = await call(orgUrl, 'POST', '/imports?wait=true', document);
  if (imported.status !== 'succeeded')
    throw new Error(`import ${imported.status}: ${JSON.stringify(imported).slice(0, 2000)}`);
  const cityId = (await call(orgUrl, 'GET', `/org-units/by-code/${CITY_CODE}`)).id as string;
  log(`imported ${document.units.length} units in ${secs(now() - importStart)}; city ${cityId}`);
  memory.start();
  await Promise.all([cycles.start(), trivial.start()]);
  if (tuned) await tuned.start();
  log(`cycles service ready on ${cyclesUrl} (task queue ${cyclesQueue}); baseline worker on ${trivialQueue}`);
  await sleep(2_000); // let start-up settle (bundling, pollers)

  const cyclesMetrics = `http://127.0.0.1:${cyclesMetricsPort}/metrics`;
  const trivialMetrics = `http://127.0.0.1:${trivialMetricsPort}/metrics`;

  // ---- (a) baseline: N trivial workflows from a client, `baselineConcurrency` in flight ----
  const baseline = async (): Promise<PhaseResult> => {
    const query = `TaskQueue = '${trivialQueue}' AND ExecutionStatus = 'Running'`;
    const before = await scrape(trivialMetrics);
    memory.open('baseline');
    const startedAt = now();
    // Each trivial workflow has exactly one workflow task (it starts its timer).
    const firstTasks = workerTasksDone(trivialMetrics, before, units, startedAt);
    await pool(units, options.baselineConcurrency, async (i) => {
      await client.workflow.start('trivialWorkflow', {
        taskQueue: trivialQueue,
        workflowId: `bench-trivial/${run}/${i}`,
        args: [options.yearLastsMs],
      });
    });
    const ackMs = now() - startedAt;
    log(`baseline: ${units} starts acknowledged in ${secs(ackMs)}`);
    const progress = await waitForCount(
      'baseline',
      units,
      startedAt,
      async () => (await client.workflow.count(query)).count,
    );
    const firstTasksMs = await firstTasks;
    memory.close('baseline');
    const { latest } = await latestStart(client, query);
    const after = await scrape(trivialMetrics);
    return {
      label: 'baseline (trivial workflows, client starts)',
      count: units,
      visibleMs: progress.doneAtMs,
      serverMs: latest - startedAt,
      progress,
      extra: [
        `start RPCs acknowledged after ${secs(ackMs)} (${rate(units, ackMs).toFixed(1)}/s, ${options.baselineConcurrency} in flight)`,
        firstTasksMs === undefined
          ? 'first workflow task of each: not measured'
          : `worker done with the first workflow task of all ${units} after ${secs(firstTasksMs)} → ${rate(units, firstTasksMs).toFixed(1)}/s`,
        ...workerDiagnostics(before, after, units),
      ],
    };
  };

  // ---- (b) the cycle: POST /cycles for the city, includeSubtree ----
  const cascade = async (): Promise<PhaseResult> => {
    const before = await scrape(cyclesMetrics);
    const orgBefore = await scrape(`${orgUrl}/metrics`);
    memory.open('cycle');
    const startedAt = now();
    const started = await call(cyclesUrl, 'POST', '/cycles', {
      unitId: cityId,
      year,
      includeSubtree: true,
      yearLastsMs: options.yearLastsMs,
    });
    const postMs = now() - startedAt;
    log(`cycle: POST /cycles answered in ${secs(postMs)}: ${started.workflowId}`);
    const progress = await waitForCount('cycle', units, startedAt, async () => {
      const counted = await call(
        cyclesUrl,
        'GET',
        `/cycles/count?year=${year}&subtreeOf=${cityId}&running=true`,
      );
      return counted.count as number;
    });
    memory.close('cycle');
    const { latest, listed } = await latestStart(
      client,
      `TaskQueue = '${cyclesQueue}' AND DutyYear = ${year} AND ExecutionStatus = 'Running'`,
    );
    const atVisible = await scrape(cyclesMetrics);
    let settledMs: number | undefined;
    if (options.workerMetrics && options.settleMaxMs > 0) {
      log('cycle: all visible; waiting for the cycles worker to go idle (BENCH_SETTLE_MAX_MS)');
      settledMs = await workerIdle(cyclesMetrics, startedAt, options.settleMaxMs);
    }
    const after = await scrape(cyclesMetrics);
    if (env.BENCH_DUMP_METRICS) {
      // The raw scrapes, e.g. to check metric names against deploy/grafana/dutychain-dashboard.json.
      const raw = await Promise.all(
        [cyclesMetrics, trivialMetrics, `${orgUrl}/metrics`].map((u) => fetch(u).then((r) => r.text())),
      );
      writeFileSync(env.BENCH_DUMP_METRICS, raw.join('\n'));
    }
    const orgAfter = await scrape(`${orgUrl}/metrics`);
    const children = windowMean(orgBefore, orgAfter, 'dutychain_http_request_duration_seconds', {
      route: '/org-units/:id/children',
    });
    return {
      label: 'cycle cascade (POST /cycles, includeSubtree)',
      count: units,
      visibleMs: progress.doneAtMs,
      serverMs: latest - startedAt,
      progress,
      extra: [
        `POST /cycles answered in ${secs(postMs)}; ${listed} running cycles listed by task queue`,
        `org GET /org-units/:id/children: ${children.count} calls, mean ${(children.mean * 1000).toFixed(1)} ms`,
        `when all were visible: ${workerDiagnostics(before, atVisible, units)[0]}`,
        settledMs === undefined
          ? 'cycles worker idle: not measured (or still busy)'
          : `cycles worker idle (every cycle past its first steps) after ${secs(settledMs)}; totals for the whole cascade:`,
        ...workerDiagnostics(before, after, units),
      ],
    };
  };

  const results: PhaseResult[] = [];
  if (options.order === 'baseline-first') results.push(await baseline(), await cascade());
  else results.push(await cascade(), await baseline());
  const [base, cycle] =
    options.order === 'baseline-first' ? [results[0], results[1]] : [results[1], results[0]];
  if (!base || !cycle) throw new Error('missing results');

  // Worker memory right after the cascade, before clean-up touches anything.
  memory.stop();
  report(units, base, cycle, memory);
}

/** Workflow tasks and activities per started workflow, latencies and cache, from the worker's SDK metrics. */
function workerDiagnostics(before: Sample[], after: Sample[], units: number): string[] {
  if (!options.workerMetrics || after.length === 0) return ['(worker metrics not available)'];
  const wft = delta(before, after, 'temporal_workflow_task_queue_poll_succeed');
  const acts = delta(before, after, 'temporal_activity_task_received');
  const ms = (m: { count: number; mean: number }) => `${m.mean.toFixed(1)} ms (n=${m.count})`;
  const lines = [
    `workflow tasks ${wft} (${(wft / units).toFixed(2)} per unit), activity tasks ${acts} (${(acts / units).toFixed(2)} per unit)`,
    `workflow task schedule-to-start mean ${ms(windowMean(before, after, 'temporal_workflow_task_schedule_to_start_latency'))}, ` +
      `execution mean ${ms(windowMean(before, after, 'temporal_workflow_task_execution_latency'))}`,
  ];
  for (const type of ['listChildUnits', 'recordPhaseChange']) {
    const sched = windowMean(before, after, 'temporal_activity_schedule_to_start_latency', {
      activity_type: type,
    });
    if (sched.count === 0) continue;
    const exec = windowMean(before, after, 'temporal_activity_execution_latency', { activity_type: type });
    lines.push(`activity ${type}: schedule-to-start mean ${ms(sched)}, execution mean ${ms(exec)}`);
  }
  lines.push(
    `sticky cache size ${gaugeRange(after, 'temporal_sticky_cache_size')}, ` +
      `sticky cache hits ${delta(before, after, 'temporal_sticky_cache_hit')} / misses ${delta(before, after, 'temporal_sticky_cache_miss')}`,
  );
  return lines;
}

function report(units: number, base: PhaseResult, cycle: PhaseResult, memory: MemorySampler): void {
  const baseRate = rate(units, base.visibleMs);
  const cycleRate = rate(units, cycle.visibleMs);
  const baseServerRate = rate(units, base.serverMs);
  const cycleServerRate = rate(units, cycle.serverMs);
  const ratio = cycleRate / baseRate;
  const memoryLimit = 1024 ** 3;
  const cyclesPeak = memory.peakHwm('cycles');
  const lines: string[] = ['', `==== cycle-start bench: ${units} units, ${os.cpus().length} CPUs ====`];
  for (const phase of [cycle, base]) {
    lines.push(`${phase.label}:`);
    lines.push(
      `  all ${phase.count} running in visibility after ${secs(phase.visibleMs)} → ${rate(units, phase.visibleMs).toFixed(1)}/s ` +
        `(${phase.progress.polls} count polls every ${options.pollMs} ms)`,
    );
    lines.push(
      `  latest server StartTime after ${secs(phase.serverMs)} → ${rate(units, phase.serverMs).toFixed(1)}/s; ` +
        `visibility lag at the end ≤ ${secs(phase.visibleMs - phase.serverMs)}`,
    );
    lines.push(
      `  reached ${phase.progress.marks.map((m) => `${m.share * 100}% @ ${secs(m.atMs)}`).join(', ')}`,
    );
    for (const line of phase.extra) lines.push(`  ${line}`);
  }
  lines.push(
    `units started per second (cycle):           ${cycleRate.toFixed(1)}/s   (by server StartTime ${cycleServerRate.toFixed(1)}/s)`,
    `BASELINE trivial workflows per second:      ${baseRate.toFixed(1)}/s   (by server StartTime ${baseServerRate.toFixed(1)}/s)`,
    `ratio cycle / baseline:                     ${ratio.toFixed(2)}   (by server StartTime ${(cycleServerRate / baseServerRate).toFixed(2)}; target ≥ 0.8: ${ratio >= 0.8 ? 'MET' : 'NOT MET'})`,
    `${options.workerOptions ? 'tuned cycles worker process (bench-hosted)' : 'cycles service (hosts the cycles worker)'} peak memory: VmHWM ${mib(cyclesPeak)} since start (bundling included), ` +
      `peak RSS during the cascade ${mib(memory.peakRss('cycles', 'cycle'))} (target < 1 GiB: ${cyclesPeak < memoryLimit ? 'MET' : 'NOT MET'})`,
    `BASELINE worker peak memory: VmHWM ${mib(memory.peakHwm('baseline'))} since start, ` +
      `peak RSS during the baseline ${mib(memory.peakRss('baseline', 'baseline'))}`,
    `load average now ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(lines.join('\n'));
  console.log(
    `BENCH_RESULT ${JSON.stringify({
      units,
      cyclePerSecond: round(cycleRate),
      cyclePerSecondByStartTime: round(cycleServerRate),
      baselinePerSecond: round(baseRate),
      baselinePerSecondByStartTime: round(baseServerRate),
      ratio: round(ratio, 3),
      cyclesServicePeakBytes: cyclesPeak,
      cyclesServicePeakRssDuringCascadeBytes: memory.peakRss('cycles', 'cycle'),
      baselineWorkerPeakBytes: memory.peakHwm('baseline'),
    })}`,
  );
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

main()
  .then(
    () => 0,
    (error: unknown) => {
      console.error('[bench] failed:', error);
      for (const { name, tail } of tails) console.error(`---- last output of the ${name}:\n${tail()}`);
      return 1;
    },
  )
  .then(async (code) => {
    log('cleaning up');
    await cleanUp();
    log(`total bench time ${secs(now() - benchStart)}`);
    process.exit(code);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });

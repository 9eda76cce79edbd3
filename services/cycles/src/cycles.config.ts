import { compressionProblem } from '@dutychain/calendar';
import {
  DirectoryServiceConfig,
  EnvReader,
  readCommonConfig,
  readDirectoryClientConfig,
} from '@dutychain/config';
import { TASK_QUEUES } from '@dutychain/temporal';

/** The cycles service's configuration, validated once at start-up (see README, Configuration). */
export class CyclesConfig extends DirectoryServiceConfig {
  /** Run the cycles worker (workflows + cycle activities) in this process. */
  readonly workerEnabled!: boolean;
  /** Default year length for compressed cycles started without one (demos); unset: real time. */
  readonly defaultYearLastsMs!: number | undefined;
  readonly bulkActionLimit!: number;
  /** Task queue of the cycles worker; tests use their own so that no other worker takes their tasks. */
  readonly taskQueue!: string;
  /** Task queue of the lists service's activities, handed to the risk lists a cycle starts. */
  readonly listsTaskQueue!: string;
  /** Where the Temporal SDK serves its worker metrics for Prometheus (host:port); unset: off. */
  readonly workerMetricsAddress!: string | undefined;
  /** Workflows kept in the worker's sticky cache; the SDK's default grows with the heap and passed 1 GiB in the benchmark. */
  readonly workerMaxCachedWorkflows!: number;

  static fromEnv(env: Record<string, string | undefined> = process.env): CyclesConfig {
    const reader = new EnvReader(env);
    const yearLasts = reader.optionalString('CYCLES_DEFAULT_YEAR_LASTS_MS');
    const config: CyclesConfig = Object.assign(new CyclesConfig(), {
      ...readCommonConfig(reader),
      host: reader.string('CYCLES_HOST', '127.0.0.1'),
      port: reader.int('CYCLES_PORT', 3002, { min: 0, max: 65535 }),
      ...readDirectoryClientConfig(reader, env),
      workerEnabled: reader.bool('CYCLES_WORKER_ENABLED', true),
      defaultYearLastsMs: yearLasts === undefined ? undefined : Number(yearLasts),
      bulkActionLimit: reader.int('CYCLES_BULK_ACTION_LIMIT', 10_000, { min: 1, max: 100_000 }),
      taskQueue: reader.string('CYCLES_TASK_QUEUE', TASK_QUEUES.cycles),
      listsTaskQueue: reader.string('CYCLES_LISTS_TASK_QUEUE', TASK_QUEUES.lists),
      workerMetricsAddress: reader.optionalString('CYCLES_WORKER_METRICS_ADDRESS'),
      workerMaxCachedWorkflows: reader.int('CYCLES_WORKER_MAX_CACHED_WORKFLOWS', 500, {
        min: 0,
        max: 100_000,
      }),
    });
    // The workflows' own rule for a compressed year, so a bad default fails here, not in every workflow.
    const yearProblem =
      config.defaultYearLastsMs === undefined
        ? undefined
        : compressionProblem({ yearLastsMs: config.defaultYearLastsMs });
    reader.require(yearProblem === undefined, `CYCLES_DEFAULT_YEAR_LASTS_MS: ${yearProblem ?? ''}`);
    reader.done();
    return config;
  }
}

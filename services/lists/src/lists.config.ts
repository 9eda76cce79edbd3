import * as path from 'node:path';
import { compressionProblem } from '@dutychain/calendar';
import {
  DirectoryServiceConfig,
  EnvReader,
  readCommonConfig,
  readDirectoryClientConfig,
} from '@dutychain/config';
import { TASK_QUEUES } from '@dutychain/temporal';

export const EVIDENCE_STORES = ['local', 's3'] as const;
export type EvidenceStoreKind = (typeof EVIDENCE_STORES)[number];

/** Evidence types accepted unless LISTS_EVIDENCE_TYPES says otherwise. */
export const DEFAULT_EVIDENCE_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/msword',
  'text/plain',
];

export interface S3Settings {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** The lists service's configuration, validated once at start-up (see services/lists/README.md). */
export class ListsConfig extends DirectoryServiceConfig {
  /** Run the lists activity worker in this process. */
  readonly workerEnabled!: boolean;
  /** The queue of this service's activities (tests use their own). */
  readonly taskQueue!: string;
  /** The queue the workflows run on (the cycles worker's). */
  readonly workflowTaskQueue!: string;
  /** Compression for risk lists started without `yearLastsMs` (demos); unset: real time. */
  readonly defaultYearLastsMs!: number | undefined;
  /** Days after the define deadline at which an unapproved list locks. */
  readonly lockAfterDays!: number;
  readonly evidenceStore!: EvidenceStoreKind;
  readonly evidenceDir!: string;
  readonly evidenceMaxBytes!: number;
  readonly evidenceTypes!: string[];
  readonly s3!: S3Settings | undefined;
  /** A leader with no duty record for this many months is reported as silent. */
  readonly silentMonths!: number;
  /** Days a supervision order (督办单) gives for rectification unless the request says otherwise. */
  readonly orderDays!: number;

  static fromEnv(env: Record<string, string | undefined> = process.env): ListsConfig {
    const reader = new EnvReader(env);
    const yearLasts = reader.optionalString('LISTS_DEFAULT_YEAR_LASTS_MS');
    const evidenceStore = reader.oneOf('LISTS_EVIDENCE_STORE', EVIDENCE_STORES, 'local');
    const types = reader.optionalString('LISTS_EVIDENCE_TYPES');
    const config: ListsConfig = Object.assign(new ListsConfig(), {
      ...readCommonConfig(reader),
      host: reader.string('LISTS_HOST', '127.0.0.1'),
      port: reader.int('LISTS_PORT', 3003, { min: 0, max: 65535 }),
      ...readDirectoryClientConfig(reader, env),
      workerEnabled: reader.bool('LISTS_WORKER_ENABLED', true),
      taskQueue: reader.string('LISTS_TASK_QUEUE', TASK_QUEUES.lists),
      workflowTaskQueue: reader.string('LISTS_WORKFLOW_TASK_QUEUE', TASK_QUEUES.cycles),
      defaultYearLastsMs: yearLasts === undefined ? undefined : Number(yearLasts),
      lockAfterDays: reader.int('LISTS_LOCK_AFTER_DAYS', 30, { min: 0, max: 365 }),
      evidenceStore,
      evidenceDir: path.resolve(reader.string('LISTS_EVIDENCE_DIR', '.data/evidence')),
      evidenceMaxBytes: reader.int('LISTS_EVIDENCE_MAX_BYTES', 20 * 1024 * 1024, {
        min: 1,
        max: 1024 * 1024 * 1024,
      }),
      evidenceTypes: types
        ? types
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean)
        : DEFAULT_EVIDENCE_TYPES,
      s3: evidenceStore === 's3' ? readS3Settings(reader) : undefined,
      silentMonths: reader.int('LISTS_SILENT_MONTHS', 3, { min: 1, max: 24 }),
      orderDays: reader.int('LISTS_ORDER_DAYS', 15, { min: 1, max: 365 }),
    });
    // The workflows' own rule for a compressed year, so a bad default fails here, not in every workflow.
    const yearProblem =
      config.defaultYearLastsMs === undefined
        ? undefined
        : compressionProblem({ yearLastsMs: config.defaultYearLastsMs });
    reader.require(yearProblem === undefined, `LISTS_DEFAULT_YEAR_LASTS_MS: ${yearProblem ?? ''}`);
    reader.done();
    return config;
  }
}

/**
 * The S3 variables, read only when LISTS_EVIDENCE_STORE=s3: every missing one is named (the
 * reader collects them), values are never echoed except the endpoint's scheme.
 */
function readS3Settings(reader: EnvReader): S3Settings {
  const endpoint =
    reader.optionalString('LISTS_S3_ENDPOINT') === undefined
      ? reader.string('LISTS_S3_ENDPOINT')
      : reader.url('LISTS_S3_ENDPOINT', '', ['http:', 'https:']);
  const bucket = reader.string('LISTS_S3_BUCKET');
  reader.require(
    bucket === '' || /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket),
    'LISTS_S3_BUCKET must be an S3 bucket name (3-63 lowercase letters, digits, dots and hyphens)',
  );
  const region = reader.string('LISTS_S3_REGION', 'us-east-1');
  reader.require(/^[a-z0-9-]{1,64}$/.test(region), 'LISTS_S3_REGION must be a region name like us-east-1');
  return {
    endpoint,
    region,
    bucket,
    accessKeyId: reader.string('LISTS_S3_ACCESS_KEY_ID'),
    secretAccessKey: reader.string('LISTS_S3_SECRET_ACCESS_KEY'),
  };
}

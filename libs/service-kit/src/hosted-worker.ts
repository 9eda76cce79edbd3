import { Logger } from '@nestjs/common';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { LogEntry } from '@temporalio/worker';
import type { TemporalConnectionSettings } from './service-settings';

/**
 * Before any connection: the SDK logs as JSON lines like the service's own (with workflow ids),
 * and serves its metrics for Prometheus when given an address. The runtime is per process: a test
 * process running several services keeps the first one installed.
 */
export function installSdkRuntime(service: string, logLevel: string, metricsAddress?: string): void {
  const writeJsonLine = (entry: LogEntry): void => {
    const line = {
      time: new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString(),
      level: entry.level.toLowerCase(),
      service,
      context: 'temporal',
      msg: entry.message,
      ...entry.meta,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  };
  try {
    Runtime.install({
      logger: new DefaultLogger(logLevel === 'debug' ? 'DEBUG' : 'INFO', writeJsonLine),
      telemetryOptions: metricsAddress ? { metrics: { prometheus: { bindAddress: metricsAddress } } } : {},
    });
  } catch {
    // already installed in this process
  }
}

/**
 * A Temporal worker hosted by a service process from start-up to shutdown: `run()` is kept and
 * awaited on stop, never left floating; a worker that dies sets the process's exit code.
 */
export class HostedWorker {
  private constructor(
    private readonly worker: Worker,
    private readonly connection: NativeConnection,
    private readonly running: Promise<void>,
  ) {}

  static async start(
    name: string,
    settings: TemporalConnectionSettings,
    create: (connection: NativeConnection) => Promise<Worker>,
  ): Promise<HostedWorker> {
    const logger = new Logger(name);
    const connection = await NativeConnection.connect({ address: settings.temporalAddress });
    const worker = await create(connection);
    const running = worker.run().catch((error: unknown) => {
      logger.error({ msg: `${name} stopped with an error`, error: String(error) });
      process.exitCode = 1;
    });
    logger.log({ msg: `${name} running`, taskQueue: worker.options.taskQueue });
    return new HostedWorker(worker, connection, running);
  }

  async stop(): Promise<void> {
    if (this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running;
    await this.connection.close();
  }
}

/** What an activity worker needs from a service's configuration. */
export interface ActivityWorkerSettings extends TemporalConnectionSettings {
  readonly logLevel: string;
  readonly taskQueue: string;
}

/**
 * The worker of a service that runs activities only (its workflows run on the `cycles` worker):
 * SDK runtime, connection and `Worker.create` over the service's task queue.
 */
export async function startActivityWorker(
  service: string,
  settings: ActivityWorkerSettings,
  activities: object,
): Promise<HostedWorker> {
  installSdkRuntime(service, settings.logLevel);
  return HostedWorker.start(`${service} activity worker`, settings, (connection) =>
    Worker.create({
      connection,
      namespace: settings.temporalNamespace,
      taskQueue: settings.taskQueue,
      activities,
    }),
  );
}

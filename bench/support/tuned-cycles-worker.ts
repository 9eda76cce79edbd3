/**
 * Experiments only (BENCH_WORKER_OPTIONS): the cycles worker as the cycles service hosts it (same
 * bundle, same activities over the same schema and org directory), in its own process and with
 * extra WorkerOptions from BENCH_WORKER_OPTIONS (JSON), so a tuning can be measured without
 * touching services/cycles. The bench then runs the cycles service with CYCLES_WORKER_ENABLED=false.
 */
import 'reflect-metadata';
import type { WorkerOptions } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createServiceDataSource } from '@dutychain/persistence';
import { createCyclesWorker } from '@dutychain/workflows-worker';
import { CycleActivitiesFactory } from '../../services/cycles/src/activities/cycle-activities.factory';
import { CycleNotification } from '../../services/cycles/src/activities/cycle-notification.entity';
import { CyclePhaseChange } from '../../services/cycles/src/activities/cycle-phase-change.entity';
import { CyclesConfig } from '../../services/cycles/src/cycles.config';
import { OrgDirectoryClient } from '@dutychain/service-kit';

export const TUNED_WORKER_READY = 'tuned cycles worker running';

async function main(): Promise<void> {
  const config = CyclesConfig.fromEnv({ ...process.env, CYCLES_WORKER_METRICS_ADDRESS: undefined });
  const extra = JSON.parse(process.env.BENCH_WORKER_OPTIONS ?? '{}') as Partial<WorkerOptions>;
  const metrics = process.env.BENCH_WORKER_METRICS_ADDRESS;
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: {
      logging: { filter: { core: 'WARN', other: 'WARN' }, forward: {} },
      ...(metrics ? { metrics: { prometheus: { bindAddress: metrics } } } : {}),
    },
  });
  const dataSource = createServiceDataSource({
    schema: 'cycles',
    entities: [CyclePhaseChange, CycleNotification],
    migrations: [],
    url: config.databaseUrl,
    poolSize: config.databasePoolSize,
  });
  await dataSource.initialize();
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const clientConnection = await Connection.connect({ address: config.temporalAddress });
  try {
    const client = new Client({ connection: clientConnection, namespace: config.temporalNamespace });
    const activities = new CycleActivitiesFactory(dataSource, new OrgDirectoryClient(config), client, config);
    const worker = await createCyclesWorker({
      connection,
      namespace: config.temporalNamespace,
      taskQueue: config.taskQueue,
      activities: () => activities.create(),
      extra,
    });
    const running = worker.run();
    console.log(`${TUNED_WORKER_READY} on ${config.taskQueue} with ${JSON.stringify(extra)}`);
    await running;
  } finally {
    await clientConnection.close();
    await connection.close();
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

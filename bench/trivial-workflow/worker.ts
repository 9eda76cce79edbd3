/**
 * The baseline's worker process: its own bundle (bench/trivial-workflow/workflows.ts), its own task
 * queue, the SDK's default tuning (as the cycles worker has). Stops on SIGTERM/SIGINT.
 *
 *   BENCH_TASK_QUEUE=… [TEMPORAL_ADDRESS=127.0.0.1:7233] [BENCH_WORKER_METRICS_ADDRESS=127.0.0.1:9465] \
 *   [BENCH_WORKER_OPTIONS='{"maxConcurrentWorkflowTaskExecutions":100}'] \
 *     node -r @swc-node/register bench/trivial-workflow/worker.ts
 */
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';

export const TRIVIAL_WORKER_READY = 'trivial worker running';

async function main(): Promise<void> {
  const taskQueue = process.env.BENCH_TASK_QUEUE;
  if (!taskQueue) throw new Error('BENCH_TASK_QUEUE is required');
  const metrics = process.env.BENCH_WORKER_METRICS_ADDRESS;
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: {
      logging: { filter: { core: 'WARN', other: 'WARN' }, forward: {} },
      ...(metrics ? { metrics: { prometheus: { bindAddress: metrics } } } : {}),
    },
  });
  const connection = await NativeConnection.connect({
    address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
  });
  try {
    const worker = await Worker.create({
      // Tuning experiments: the bench passes the same extra options to both workers.
      ...(JSON.parse(process.env.BENCH_WORKER_OPTIONS ?? '{}') as object),
      connection,
      namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
      taskQueue,
      workflowBundle: await bundleWorkflowCode({
        workflowsPath: require.resolve('./workflows'),
        logger: new DefaultLogger('WARN'),
      }),
    });
    const running = worker.run();
    console.log(`${TRIVIAL_WORKER_READY} on ${taskQueue}`);
    await running;
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

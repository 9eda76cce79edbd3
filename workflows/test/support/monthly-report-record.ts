/**
 * Records the history of one scheduled monthly-report run for the replay tests:
 *   node -r @swc-node/register workflows/test/support/monthly-report-record.ts
 * writes workflows/histories/monthly-accountability-report-scheduled-run.json. Run after an
 * intentional, versioned change of the workflow, never to paper over a determinism failure.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { bundleCycleWorkflows } from '../../src/worker';
import { InMemoryMonthlyReportActivities } from './monthly-report-activities';
import {
  scheduledReportInput,
  skipToNextFiring,
  startReport,
  withReportWorkers,
} from './monthly-report-scenarios';
import { historyToObject } from './record';
import { createTimeSkippingEnvironment } from './test-environment';

export const MONTHLY_REPORT_FIXTURE = path.join(
  __dirname,
  '../../histories/monthly-accountability-report-scheduled-run.json',
);

/**
 * The schedule fires at 08:00 Beijing time on the 1st with no period; the accountability service
 * is down for the first attempt, the retry builds the report of the month just ended.
 */
export async function recordMonthlyReportHistory(): Promise<Record<string, unknown>> {
  const env = await createTimeSkippingEnvironment();
  try {
    const fake = new InMemoryMonthlyReportActivities();
    fake.failNext = 1;
    return await withReportWorkers(env, await bundleCycleWorkflows(), fake, async () => {
      const { at, endedMonth } = await skipToNextFiring(env);
      const handle = await startReport(env, scheduledReportInput('district-1'), at);
      const summary = await handle.result();
      if (summary.period !== endedMonth || fake.attempts.length !== 2)
        throw new Error(`unexpected run: ${JSON.stringify({ summary, attempts: fake.attempts })}`);
      return historyToObject(await handle.fetchHistory());
    });
  } finally {
    await env.teardown();
  }
}

if (require.main === module) {
  recordMonthlyReportHistory()
    .then((history) => {
      writeFileSync(MONTHLY_REPORT_FIXTURE, `${JSON.stringify(history, null, 1)}\n`);
      process.stdout.write(`recorded ${MONTHLY_REPORT_FIXTURE}\n`);
    })
    .catch((err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    });
}

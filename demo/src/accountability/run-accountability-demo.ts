/**
 * Plays the accountability story against running services (see accountability-demo.ts):
 *   node -r @swc-node/register services/accountability/src/demo/run-accountability-demo.ts
 * Reads ORG_URL (http://127.0.0.1:3001), ACCOUNTABILITY_URL (http://127.0.0.1:3004),
 * DUTYCHAIN_BOOTSTRAP_API_KEY, DEMO_DISTRICT_CODE (YX, the demo district 云溪区) and
 * DEMO_DAY_LASTS_MS (2000: one calendar day of the overdue notice); DEMO_RESULT_JSON=1 prints the
 * result as one JSON line at the end.
 * The cycles service must run too: its worker runs the copy-notice and monthly-report workflows.
 */
import { runAccountabilityDemo } from './accountability-demo';

async function main(): Promise<void> {
  const apiKey = process.env.DUTYCHAIN_BOOTSTRAP_API_KEY ?? '';
  if (!apiKey) throw new Error('DUTYCHAIN_BOOTSTRAP_API_KEY is required');
  const result = await runAccountabilityDemo({
    orgUrl: process.env.ORG_URL ?? 'http://127.0.0.1:3001',
    accountabilityUrl: process.env.ACCOUNTABILITY_URL ?? 'http://127.0.0.1:3004',
    apiKey,
    districtCode: process.env.DEMO_DISTRICT_CODE ?? 'YX',
    overdueDayLastsMs: Number(process.env.DEMO_DAY_LASTS_MS ?? 2_000),
  });
  const secretary = result.overdueCase.investigations.find(([, link]) => link === 'first')?.[2] ?? null;
  const right = secretary === result.overdueCase.directorySecretaryOnDueDate;
  console.log(
    `demo: done. The overdue case proposes ${secretary ?? '—'} as the secretary on ${result.overdueCase.violationDate}: ${right ? 'matches' : 'DOES NOT MATCH'} the directory.`,
  );
  // Machine-readable result for the end-to-end test, which runs this script as operators do.
  if (process.env.DEMO_RESULT_JSON === '1') console.log(`demo-result: ${JSON.stringify(result)}`);
  if (!right) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

/**
 * Records a replay fixture, workflows/histories/<name> (default annual-cycle-full-year.json). After
 * an intentional change made behind patched(), record a NEW file and keep the old ones: they are the
 * runs still in flight that the new code must replay. Never re-record to paper over a failure.
 *   node -r @swc-node/register workflows/test/record-histories.ts annual-cycle-<patch-id>.json
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { recordAnnualCycleHistory } from './support/record';

async function main(): Promise<void> {
  const history = await recordAnnualCycleHistory();
  const name = process.argv[2] ?? 'annual-cycle-full-year.json';
  if (!/^annual-cycle-[a-z0-9-]+\.json$/.test(name))
    throw new Error(`fixture name must be annual-cycle-<id>.json`);
  const file = path.join(__dirname, '../histories', name);
  writeFileSync(file, `${JSON.stringify(history, null, 1)}\n`);
  process.stdout.write(`recorded ${file}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});

/**
 * Regenerates workflows/histories/annual-cycle-*.json, the replay fixtures. Run after an
 * intentional, versioned change of the workflow, never to paper over a determinism failure:
 *   node -r @swc-node/register workflows/test/record-histories.ts
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { recordAnnualCycleHistory } from './support/record';

async function main(): Promise<void> {
  const history = await recordAnnualCycleHistory();
  const file = path.join(__dirname, '../histories/annual-cycle-full-year.json');
  writeFileSync(file, `${JSON.stringify(history, null, 1)}\n`);
  process.stdout.write(`recorded ${file}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});

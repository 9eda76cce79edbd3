/**
 * A deliberately non-deterministic change of the yearly cycle, for the replay test: a timer now
 * runs before anything else, so recorded histories no longer match the commands.
 */
import { sleep } from '@temporalio/workflow';
import type { AnnualCycleInput, CycleSummary } from '@dutychain/temporal';
import { annualCycle as current } from '../../src/workflows/annual-cycle.workflow';

export async function annualCycle(input: AnnualCycleInput): Promise<CycleSummary> {
  await sleep('1 hour');
  return current(input);
}

/**
 * The same change as altered-annual-cycle, made safely behind patched(): old histories (without
 * the marker) replay the old path, new runs take the new one. The way to change a running cycle.
 */
import { patched, sleep } from '@temporalio/workflow';
import type { AnnualCycleInput, CycleSummary } from '@dutychain/temporal';
import { annualCycle as current } from '../../src/workflows/annual-cycle.workflow';

export async function annualCycle(input: AnnualCycleInput): Promise<CycleSummary> {
  if (patched('cycle-start-pause')) await sleep('1 hour');
  return current(input);
}

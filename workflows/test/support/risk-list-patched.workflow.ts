/**
 * The change of risk-list-altered.workflow.ts made the right way, behind patched(): recorded
 * histories take the old path and replay cleanly; new runs take the new one.
 */
import { patched, sleep } from '@temporalio/workflow';
import type { RiskListInput, RiskListSummary } from '@dutychain/temporal';
import { riskList as current } from '../../src/workflows/risk-list/risk-list.workflow';

export async function riskList(input: RiskListInput): Promise<RiskListSummary> {
  if (patched('risk-list-test-pause')) await sleep('1 hour');
  return current(input);
}

/**
 * A deliberately non-deterministic change of the risk-list workflow, for the replay test: a timer
 * now runs before anything else, so recorded histories no longer match the commands.
 */
import { sleep } from '@temporalio/workflow';
import type { RiskListInput, RiskListSummary } from '@dutychain/temporal';
import { riskList as current } from '../../src/workflows/risk-list/risk-list.workflow';

export async function riskList(input: RiskListInput): Promise<RiskListSummary> {
  await sleep('1 hour');
  return current(input);
}

/** Test bundle: the risk-list workflow plus a parent that starts a unit's lists, as the yearly cycle's define phase does. */
import { startRiskListsForUnit } from '../../src/workflows/risk-list.workflow';
import type { StartRiskListsInput } from '../../src/workflows/risk-list.workflow';

export { riskList } from '../../src/workflows/risk-list.workflow';

export async function riskListStarterForTest(
  input: StartRiskListsInput,
): Promise<{ started: number; alreadyRunning: number }[]> {
  // Twice: the second call finds every list running and starts nothing.
  return [await startRiskListsForUnit(input), await startRiskListsForUnit(input)];
}

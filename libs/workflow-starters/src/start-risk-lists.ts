/**
 * The define phase's step of the yearly cycle, shared by the cycles service's activity and the test
 * activities: start the personal risk-list workflow (`risk-list/<personId>/<year>`) of each team member.
 */
import type { Client } from '@temporalio/client';
import { RISK_LIST_WORKFLOW_TYPE, riskListStartOptions } from '@dutychain/temporal';
import type { RiskListInput, StartRiskListsInput } from '@dutychain/temporal';

const START_CONCURRENCY = 8;

export function riskListInputFor(
  input: StartRiskListsInput,
  personId: string,
  listsTaskQueue?: string,
): RiskListInput {
  return {
    ...(listsTaskQueue ? { listsTaskQueue } : {}),
    personId,
    year: input.year,
    unitId: input.unitId,
    level: input.level,
    leadingOrgId: input.leadingOrgId,
    ancestors: input.ancestors,
    calendar: input.calendar,
    timeline: input.timeline,
  };
}

/** Starts (or finds running) one list per person; USE_EXISTING makes a retry harmless. */
export async function startRiskListWorkflows(
  client: Client,
  personIds: readonly string[],
  input: StartRiskListsInput,
  /** Where the lists' activities run (the lists service's queue; tests use their own). */
  listsTaskQueue?: string,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(START_CONCURRENCY, personIds.length) }, async () => {
      for (let i = next++; i < personIds.length; i = next++) {
        const personId = personIds[i];
        if (personId === undefined) continue;
        await client.workflow.start(RISK_LIST_WORKFLOW_TYPE, {
          ...riskListStartOptions(riskListInputFor(input, personId, listsTaskQueue)),
          taskQueue: input.taskQueue,
        });
      }
    }),
  );
}

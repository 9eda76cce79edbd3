/** Records the history of one full compressed year (a unit with two children) for the replay tests. */
import { temporal } from '@temporalio/proto';
import { ANNUAL_CYCLE_WORKFLOW_TYPE, cycleStartOptions, cycleWorkflowId } from '@dutychain/temporal';
import type { AnnualCycleInput } from '@dutychain/temporal';
import { bundleCycleWorkflows } from '../../src/worker';
import { InMemoryCycleActivities } from './in-memory-cycle-activities';
import { driveYear } from './scenarios';
import { createTestWorker, createTimeSkippingEnvironment, eventually } from './test-environment';

export const RECORDED_INPUT: AnnualCycleInput = {
  unitId: 'district-rec',
  year: 2026,
  level: 'district',
  leadingOrgId: 'city-rec',
  ancestors: ['city-rec'],
  compression: { yearLastsMs: 3_600_000 },
};

/**
 * The recorded history as a plain object: protobufjs' own JSON form (enums and int64 as strings,
 * bytes as base64). historyToJSON() from @temporalio/common fails here ("type must be a Type")
 * because npm installed a second protobufjs under @temporalio/common.
 */
export function historyToObject(history: temporal.api.history.v1.IHistory): Record<string, unknown> {
  return temporal.api.history.v1.History.fromObject(history).toJSON();
}

export function historyFromObject(json: unknown): temporal.api.history.v1.History {
  return temporal.api.history.v1.History.fromObject(json as Record<string, unknown>);
}

export async function recordAnnualCycleHistory(): Promise<Record<string, unknown>> {
  const env = await createTimeSkippingEnvironment();
  try {
    const towns = [1, 2].map((n) => ({ unitId: `town-rec-${n}`, level: 'town', childCount: 0 }));
    const fake = new InMemoryCycleActivities({ 'district-rec': towns });
    const worker = await createTestWorker(env, await bundleCycleWorkflows(), fake);
    return await worker.runUntil(async () => {
      const root = await env.client.workflow.start(
        ANNUAL_CYCLE_WORKFLOW_TYPE,
        cycleStartOptions(RECORDED_INPUT),
      );
      await eventually(
        async () => (await root.describe()).raw.pendingChildren?.length === 0 || undefined,
        'children started',
      );
      const cycles = [
        root,
        ...towns.map((t) => env.client.workflow.getHandle(cycleWorkflowId(t.unitId, 2026))),
      ].map((handle, i) => ({
        handle,
        confirmer: i === 0 ? 'city-rec' : 'district-rec',
      }));
      await driveYear(env, cycles, { lateDefine: true });
      await eventually(async () => {
        const described = await Promise.all(cycles.map((c) => c.handle.describe()));
        return described.every((d) => d.status.name === 'COMPLETED');
      }, 'every cycle to complete');
      return historyToObject(await root.fetchHistory());
    });
  } finally {
    await env.teardown();
  }
}

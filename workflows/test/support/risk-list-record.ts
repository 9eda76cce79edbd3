/**
 * Records the replay fixture of the risk-list workflow: a compressed year in which a list is
 * signed, returned with comments, goes yellow, is resubmitted, goes red (reminder to the approver,
 * escalation to the leading org), is approved and completes at the lock. Writes
 * workflows/histories/risk-list-full-round.json when run as a script:
 *   node -r @swc-node/register workflows/test/support/risk-list-record.ts
 * Run it after an intentional, versioned change of the workflow, never to paper over a failing replay.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  approveRiskListUpdate,
  RISK_LIST_WORKFLOW_TYPE,
  returnRiskListUpdate,
  riskListStartOptions,
  riskListStateQuery,
  submitRiskListUpdate,
} from '@dutychain/temporal';
import type { RiskListInput } from '@dutychain/temporal';
import { bundleCycleWorkflows } from '../../src/worker';
import { historyToObject } from './record';
import { hashOf, InMemoryRiskListActivities } from './risk-list-activities';
import { createTimeSkippingEnvironment, eventually, skipTo, Worker } from './test-environment';

export const RISK_LIST_FIXTURE = 'risk-list-full-round.json';

export const RECORDED_RISK_LIST_INPUT: RiskListInput = {
  personId: 'member-rec',
  year: 2026,
  unitId: 'town-rec',
  level: 'town',
  leadingOrgId: 'district-rec',
  ancestors: ['district-rec'],
  compression: { yearLastsMs: 3_600_000 },
  lockAfterDays: 5,
};

export async function recordRiskListHistory(): Promise<Record<string, unknown>> {
  const env = await createTimeSkippingEnvironment();
  try {
    const fake = new InMemoryRiskListActivities({
      'member-rec': { personId: 'sec-rec', name: '周书记', unitId: 'town-rec', rule: 'unitSecretary' },
    });
    const queues = { cycles: 'rl-record-cycles', lists: 'rl-record-lists' };
    const workflows = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: queues.cycles,
      workflowBundle: await bundleCycleWorkflows(),
    });
    const activities = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: queues.lists,
      activities: fake.activities(),
    });
    return await workflows.runUntil(
      activities.runUntil(async () => {
        const handle = await env.client.workflow.start(RISK_LIST_WORKFLOW_TYPE, {
          ...riskListStartOptions({ ...RECORDED_RISK_LIST_INPUT, listsTaskQueue: queues.lists }),
          taskQueue: queues.cycles,
        });
        const state = await eventually(async () => {
          const s = await handle.query(riskListStateQuery);
          return s.listId !== null ? s : undefined;
        }, 'the list to open');
        await handle.executeUpdate(submitRiskListUpdate, {
          args: [{ signerId: 'member-rec', contentHash: hashOf(1) }],
        });
        await handle.executeUpdate(returnRiskListUpdate, {
          args: [{ approverId: 'sec-rec', comment: '请结合分管领域细化风险点' }],
        });
        await skipTo(env, state.workflowYellowAt);
        await eventually(async () => (await handle.query(riskListStateQuery)).warning === 'yellow', 'yellow');
        fake.listOf('member-rec').contentHash = hashOf(2);
        await handle.executeUpdate(submitRiskListUpdate, {
          args: [{ signerId: 'member-rec', contentHash: hashOf(2) }],
        });
        await skipTo(env, state.workflowDeadline);
        await eventually(async () => (await handle.query(riskListStateQuery)).overdue, 'red');
        await handle.executeUpdate(approveRiskListUpdate, {
          args: [{ approverId: 'sec-rec', comment: '同意' }],
        });
        await handle.result();
        return historyToObject(await handle.fetchHistory());
      }),
    );
  } finally {
    await env.teardown();
  }
}

if (require.main === module) {
  recordRiskListHistory()
    .then((history) => {
      const file = path.join(__dirname, '../../histories', RISK_LIST_FIXTURE);
      writeFileSync(file, `${JSON.stringify(history, null, 1)}\n`);
      process.stdout.write(`recorded ${file}\n`);
    })
    .catch((err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    });
}

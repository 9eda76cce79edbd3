/** Workers, inputs and patient helpers for the copy-notice tests and the fixture recorder. */
import {
  COPY_NOTICE_WORKFLOW_TYPE,
  copyNoticeStartOptions,
  copyNoticeStateQuery,
  TASK_QUEUES,
} from '@dutychain/temporal';
import type { CopyNoticeInput, CopyNoticeState } from '@dutychain/temporal';
import type { InMemoryAccountabilityActivities } from './copy-notice-activities';
import type {
  TestWorkflowEnvironment,
  WorkflowBundleWithSourceMap,
  WorkflowHandle,
} from './test-environment';
import { eventually, Worker } from './test-environment';

export const NOTICE_ACTIVITY_QUEUE = 'accountability-test';

export function noticeInput(noticeId: string, overrides: Partial<CopyNoticeInput> = {}): CopyNoticeInput {
  return {
    noticeId,
    unitId: 'town-1',
    unitName: '柳营镇',
    ancestors: ['city-1', 'district-1'],
    issuingUnitId: 'district-1',
    issuerAncestors: ['city-1'],
    escalationUnitId: 'city-1',
    source: 'petition',
    title: '关于柳营镇信访举报反映问题的抄告',
    addressees: [
      { personId: 'p-secretary', name: '林晓红', role: 'secretary', title: '镇党委书记' },
      { personId: 'p-member', name: '孙雅琴', role: 'supervisor', title: '区委常委、副区长' },
    ],
    replyWorkingDays: 5,
    remindWorkingDaysBefore: 1,
    activityTaskQueue: NOTICE_ACTIVITY_QUEUE,
    ...overrides,
  };
}

/** Runs `fn` with the workflow worker (test `cycles` queue) and the accountability activity worker. */
export async function withNoticeWorkers<T>(
  env: TestWorkflowEnvironment,
  bundle: WorkflowBundleWithSourceMap,
  fake: InMemoryAccountabilityActivities,
  fn: () => Promise<T>,
): Promise<T> {
  const workflows = await Worker.create({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue: TASK_QUEUES.cycles,
    workflowBundle: bundle,
  });
  const activities = await Worker.create({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue: NOTICE_ACTIVITY_QUEUE,
    activities: fake.activities(),
  });
  return workflows.runUntil(activities.runUntil(fn));
}

export function startNotice(env: TestWorkflowEnvironment, input: CopyNoticeInput): Promise<WorkflowHandle> {
  return env.client.workflow.start(
    COPY_NOTICE_WORKFLOW_TYPE,
    copyNoticeStartOptions(input, TASK_QUEUES.cycles),
  );
}

export async function noticeState(handle: WorkflowHandle): Promise<CopyNoticeState> {
  return eventually(() => handle.query(copyNoticeStateQuery), `state of ${handle.workflowId}`);
}

/** Waits (without skipping time) until the loop's state satisfies `ok`. */
export function noticeWhen(
  handle: WorkflowHandle,
  what: string,
  ok: (state: CopyNoticeState) => boolean,
): Promise<CopyNoticeState> {
  return eventually(async () => {
    const state = await handle.query(copyNoticeStateQuery);
    return ok(state) ? state : undefined;
  }, what);
}

/**
 * Records the history of one copy-notice loop for the replay tests:
 *   node -r @swc-node/register workflows/test/support/copy-notice-record.ts
 * writes workflows/histories/copy-notice-return-overdue.json. Run after an intentional, versioned
 * change of the workflow, never to paper over a determinism failure.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { reviewReplyUpdate, submitReplyUpdate } from '@dutychain/temporal';
import { bundleCycleWorkflows } from '../../src/worker';
import { InMemoryAccountabilityActivities } from './copy-notice-activities';
import { noticeInput, noticeWhen, startNotice, withNoticeWorkers } from './copy-notice-scenarios';
import { historyToObject } from './record';
import { createTimeSkippingEnvironment, skipTo } from './test-environment';

export const COPY_NOTICE_FIXTURE = path.join(__dirname, '../../histories/copy-notice-return-overdue.json');

/**
 * The secretary replies, the reply is returned with reasons, she replies again and it is accepted;
 * the supervising member misses the deadline (reminder, overdue, escalation into a case), replies
 * late, and that reply is accepted: the notice completes.
 */
export async function recordCopyNoticeHistory(): Promise<Record<string, unknown>> {
  const env = await createTimeSkippingEnvironment();
  try {
    const fake = new InMemoryAccountabilityActivities();
    return await withNoticeWorkers(env, await bundleCycleWorkflows(), fake, async () => {
      const handle = await startNotice(
        env,
        noticeInput('n-recorded', {
          compression: { dayLastsMs: 60_000, calendarStart: '2026-09-23T07:30:00.000Z' },
        }),
      );
      const issued = await noticeWhen(handle, 'issued', (s) => s.steps.length === 2);
      const reply = (addresseeId: string, replyId: string, content: string) =>
        handle.executeUpdate(submitReplyUpdate, { args: [{ replyId, addresseeId, content }] });
      const review = (
        addresseeId: string,
        replyId: string,
        decision: 'accept' | 'return',
        reasons?: string,
      ) =>
        handle.executeUpdate(reviewReplyUpdate, {
          args: [
            {
              addresseeId,
              replyId,
              decision,
              reasons,
              reviewerId: 'p-commission',
              reviewerName: '陈正清',
              reviewerUnitId: 'district-1',
            },
          ],
        });
      await reply('p-secretary', 'r-1', '已知悉。');
      await review('p-secretary', 'r-1', 'return', '回告内容过于简单，未说明整改措施和时限。');
      await reply('p-secretary', 'r-2', '已制定整改方案，明确责任人和完成时限。');
      await review('p-secretary', 'r-2', 'accept');
      await skipTo(env, issued.addressees[1].workflowDeadline);
      await noticeWhen(handle, 'escalation', (s) => s.caseId !== null);
      await reply('p-member', 'r-3', '已约谈镇党委主要负责人，督促整改。');
      await review('p-member', 'r-3', 'accept');
      await handle.result();
      return historyToObject(await handle.fetchHistory());
    });
  } finally {
    await env.teardown();
  }
}

if (require.main === module) {
  recordCopyNoticeHistory()
    .then((history) => {
      writeFileSync(COPY_NOTICE_FIXTURE, `${JSON.stringify(history, null, 1)}\n`);
      process.stdout.write(`recorded ${COPY_NOTICE_FIXTURE}\n`);
    })
    .catch((err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    });
}

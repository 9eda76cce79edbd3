import {
  reviewReplyUpdate,
  SEARCH_ATTRIBUTES,
  submitReplyUpdate,
  withdrawNoticeUpdate,
} from '@dutychain/temporal';
import type { CopyNoticeSummary, ReplyReceipt, ReviewResult } from '@dutychain/temporal';
import { bundleCycleWorkflows } from '../src/worker';
import { InMemoryAccountabilityActivities } from './support/copy-notice-activities';
import {
  noticeInput,
  noticeState,
  noticeWhen,
  startNotice,
  withNoticeWorkers,
} from './support/copy-notice-scenarios';
import { createTimeSkippingEnvironment, skipTo, WorkflowUpdateFailedError } from './support/test-environment';
import type {
  TestWorkflowEnvironment,
  WorkflowBundleWithSourceMap,
  WorkflowHandle,
} from './support/test-environment';

/** The validator's or handler's message of a refused update. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) return err.cause?.message ?? err.message;
    throw err;
  }
  throw new Error('the update was accepted');
}

const reply = (
  handle: WorkflowHandle,
  addresseeId: string,
  replyId: string,
  content = '已召开专题会议，逐项整改。',
) => handle.executeUpdate(submitReplyUpdate, { args: [{ replyId, addresseeId, content }] });

const review = (
  handle: WorkflowHandle,
  addresseeId: string,
  replyId: string,
  decision: 'accept' | 'return',
  reasons?: string,
  reviewerUnitId = 'district-1',
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
        reviewerUnitId,
      },
    ],
  });

describe('copy-notice loop (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    [env, bundle] = await Promise.all([createTimeSkippingEnvironment(), bundleCycleWorkflows()]);
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('takes replies in time with receipts, accepts them and completes', async () => {
    const fake = new InMemoryAccountabilityActivities();
    await withNoticeWorkers(env, bundle, fake, async () => {
      const handle = await startNotice(env, noticeInput('n-in-time'));
      const first = await noticeWhen(handle, 'issued', (s) => s.steps.length === 2);
      expect(first.addressees.map((a) => [a.personId, a.status, a.round])).toEqual([
        ['p-secretary', 'awaitingReply', 1],
        ['p-member', 'awaitingReply', 1],
      ]);
      const receipt: ReplyReceipt = await reply(handle, 'p-secretary', 'r-1');
      expect(receipt).toMatchObject({ noticeId: 'n-in-time', replyId: 'r-1', round: 1, onTime: true });
      expect(receipt.deadline).toBe(first.addressees[0]?.deadline);
      await reply(handle, 'p-member', 'r-2', '分管领导已约谈镇党委主要负责人。');
      await review(handle, 'p-secretary', 'r-1', 'accept');
      const last: ReviewResult = await review(handle, 'p-member', 'r-2', 'accept');
      expect(last.noticeStatus).toBe('completed');
      const summary = (await handle.result()) as CopyNoticeSummary;
      expect(summary).toMatchObject({ status: 'completed', caseId: null });
      expect(fake.kindsOf('n-in-time')).toEqual([
        'issued',
        'issued',
        'replied',
        'replied',
        'accepted',
        'accepted',
        'completed',
      ]);
      const stored = fake.steps.find((s) => s.replyId === 'r-2' && s.kind === 'replied');
      expect(stored).toMatchObject({
        content: '分管领导已约谈镇党委主要负责人。',
        onTime: true,
        actor: { kind: 'person', id: 'p-member' },
      });
      expect(fake.escalations).toEqual([]);
    });
  });

  it('returns a reply with reasons, takes the second reply on a new deadline, then accepts it', async () => {
    const fake = new InMemoryAccountabilityActivities();
    await withNoticeWorkers(env, bundle, fake, async () => {
      const handle = await startNotice(
        env,
        noticeInput('n-return', { addressees: [noticeInput('x').addressees[0]] }),
      );
      await noticeWhen(handle, 'issued', (s) => s.steps.length === 1);
      await reply(handle, 'p-secretary', 'r-1', '已知悉。');
      expect(await refusal(review(handle, 'p-secretary', 'r-1', 'return'))).toMatch(/needs the reasons/);
      expect(await refusal(review(handle, 'p-secretary', 'r-1', 'accept', undefined, 'district-2'))).toMatch(
        /only the issuing commission/,
      );
      expect(await refusal(reply(handle, 'p-secretary', 'r-1b'))).toMatch(/already replied in round 1/);
      expect(await refusal(reply(handle, 'p-stranger', 'r-x'))).toMatch(/not an addressee/);
      // A day later the commission returns it: the new round's deadline counts from the return.
      await env.sleep(86_400_000);
      const returned = await review(
        handle,
        'p-secretary',
        'r-1',
        'return',
        '回告内容过于简单，未说明整改措施和时限。',
      );
      expect(returned).toMatchObject({ decision: 'return', round: 2, noticeStatus: 'open' });
      const state = await noticeState(handle);
      expect(state.addressees[0]).toMatchObject({
        status: 'awaitingReply',
        round: 2,
        deadline: returned.deadline,
      });
      expect(Date.parse(returned.deadline!)).toBeGreaterThan(Date.parse(state.steps[0].at) + 5 * 86_400_000);
      expect(await refusal(review(handle, 'p-secretary', 'r-1', 'accept'))).toMatch(
        /not the one awaiting review/,
      );
      const second = await reply(handle, 'p-secretary', 'r-2', '已制定整改方案，明确责任人和完成时限。');
      expect(second).toMatchObject({ round: 2, onTime: true });
      await review(handle, 'p-secretary', 'r-2', 'accept');
      await handle.result();
      expect(fake.kindsOf('n-return')).toEqual([
        'issued',
        'replied',
        'returned',
        'replied',
        'accepted',
        'completed',
      ]);
      expect(fake.steps.find((s) => s.kind === 'returned')).toMatchObject({
        reasons: '回告内容过于简单，未说明整改措施和时限。',
        round: 2,
        deadline: returned.deadline,
      });
    });
  });

  it('reminds before the deadline, then escalates an overdue reply and opens a case; a late reply is marked late', async () => {
    const fake = new InMemoryAccountabilityActivities();
    await withNoticeWorkers(env, bundle, fake, async () => {
      const handle = await startNotice(
        env,
        noticeInput('n-overdue', { addressees: [noticeInput('x').addressees[0]] }),
      );
      const issued = await noticeWhen(handle, 'issued', (s) => s.steps.length === 1);
      const a = issued.addressees[0];
      await skipTo(env, a.workflowDeadline - 3_600_000);
      await noticeWhen(handle, 'reminder', (s) => s.steps.some((x) => x.kind === 'reminded'));
      expect(fake.reminders).toEqual([
        expect.objectContaining({
          noticeId: 'n-overdue',
          addresseeId: 'p-secretary',
          round: 1,
          deadline: a.deadline,
        }),
      ]);
      expect((await noticeState(handle)).addressees[0]?.overdue).toBe(false);
      await skipTo(env, a.workflowDeadline);
      const overdue = await noticeWhen(handle, 'escalation', (s) => s.caseId !== null);
      expect(overdue.addressees[0]).toMatchObject({ overdue: true, everOverdue: true });
      expect(overdue.caseId).toBe('case-of-n-overdue');
      expect(fake.escalations).toEqual([
        expect.objectContaining({
          addresseeId: 'p-secretary',
          dueDate: a.dueDate,
          escalationUnitId: 'city-1',
          unitId: 'town-1',
        }),
      ]);
      expect((await handle.describe()).typedSearchAttributes.get(SEARCH_ATTRIBUTES.overdue)).toBe(true);
      const late = await reply(handle, 'p-secretary', 'r-late');
      expect(late.onTime).toBe(false);
      const after = await noticeState(handle);
      expect(after.addressees[0]).toMatchObject({ overdue: false, everOverdue: true, status: 'replied' });
      expect((await handle.describe()).typedSearchAttributes.get(SEARCH_ATTRIBUTES.overdue)).toBe(false);
      expect(after.steps.map((x) => x.kind)).toEqual([
        'issued',
        'reminded',
        'overdue',
        'escalated',
        'replied',
      ]);
      await handle.executeUpdate(withdrawNoticeUpdate, {
        args: [{ reason: '已转入问责程序', by: 'p-commission', byName: '陈正清', byUnitId: 'district-1' }],
      });
      expect(await handle.result()).toMatchObject({ status: 'withdrawn', caseId: 'case-of-n-overdue' });
      // Closed: nothing more is taken.
      await expect(reply(handle, 'p-secretary', 'r-after')).rejects.toThrow();
    });
  });

  it('counts the deadline in working days across the National Day holiday (compressed: a day per minute)', async () => {
    const fake = new InMemoryAccountabilityActivities();
    await withNoticeWorkers(env, bundle, fake, async () => {
      // Issued Wednesday 23 September 2026, 15:30 Beijing time; 5 working days → Thursday 8 October.
      const handle = await startNotice(
        env,
        noticeInput('n-holiday', {
          addressees: [noticeInput('x').addressees[0]],
          compression: { dayLastsMs: 60_000, calendarStart: '2026-09-23T07:30:00.000Z' },
        }),
      );
      const issued = await noticeWhen(handle, 'issued', (s) => s.steps.length === 1);
      const a = issued.addressees[0];
      expect(a.dueDate).toBe('2026-10-08');
      expect(a.deadline).toBe('2026-10-08T16:00:00.000Z'); // midnight at the end of 8 October, Beijing
      const started = issued.steps[0].workflowTime;
      // 15 days and 8.5 hours of calendar time at a minute per day.
      expect(a.workflowDeadline - started).toBe(Math.ceil(((15 * 24 + 8.5) * 3_600_000) / 1440));
      // On the morning of 30 September (a working day, before the holiday) it is neither reminded nor late.
      await skipTo(env, started + 6.7 * 60_000, 0);
      const before = await noticeState(handle);
      expect(before.steps.map((x) => x.kind)).toEqual(['issued']);
      await skipTo(env, a.workflowDeadline);
      const late = await noticeWhen(handle, 'overdue', (s) => s.caseId !== null);
      expect(late.steps.map((x) => x.kind)).toEqual(['issued', 'reminded', 'overdue', 'escalated']);
      const reminded = late.steps.find((x) => x.kind === 'reminded')!;
      expect(reminded.at.slice(0, 13)).toBe('2026-10-07T16'); // 00:00 on 8 October, Beijing
      await handle.executeUpdate(withdrawNoticeUpdate, {
        args: [{ reason: '测试结束', by: 'p-commission', byName: '陈正清', byUnitId: 'city-1' }],
      });
      await handle.result();
    });
  });

  it('leaves the loop as it was when a reply cannot be stored, and refuses bad input', async () => {
    const fake = new InMemoryAccountabilityActivities();
    await withNoticeWorkers(env, bundle, fake, async () => {
      const handle = await startNotice(
        env,
        noticeInput('n-store-fails', { addressees: [noticeInput('x').addressees[0]] }),
      );
      await noticeWhen(handle, 'issued', (s) => s.steps.length === 1);
      fake.failNextSteps = 4; // every attempt of the interactive store
      expect(await refusal(reply(handle, 'p-secretary', 'r-1'))).toMatch(/Activity task failed|unavailable/);
      const state = await noticeState(handle);
      expect(state.addressees[0]).toMatchObject({
        status: 'awaitingReply',
        replies: 0,
        currentReplyId: null,
      });
      const ok = await reply(handle, 'p-secretary', 'r-2');
      expect(ok.replyId).toBe('r-2');
      await handle.executeUpdate(withdrawNoticeUpdate, {
        args: [{ reason: '测试结束', by: 'p-c', byName: '陈正清', byUnitId: 'district-1' }],
      });
      await handle.result();

      const bad = await startNotice(env, noticeInput('n-bad', { addressees: [], replyWorkingDays: 0 }));
      const failure = await bad.result().then(
        () => undefined,
        (err: Error) => (err.cause as Error | undefined)?.message,
      );
      expect(failure).toMatch(/addressees must list 1 to 50 people; replyWorkingDays must be/);
    });
  });
});

import type { CopyNoticeInput } from '@dutychain/temporal';
import type { Clock, NoticeLoopState } from '../src/workflows/copy-notice/notice-state';
import {
  applyDue,
  applyEscalated,
  checkReply,
  checkReview,
  checkWithdraw,
  finishIfAllAccepted,
  newNoticeLoop,
  nextDue,
  noticeView,
  overdueChanged,
  queueStep,
  takeStep,
} from '../src/workflows/copy-notice/notice-state';

/** The copy-notice loop's transitions without Temporal: a clock in plain numbers. */
const REMIND_AT = 8_000;
const DEADLINE = 10_000;
const at = (now: number): Clock => ({ now, calendarNow: Date.UTC(2026, 2, 2) + now });

function loop(): NoticeLoopState {
  const input = {
    noticeId: 'n1',
    unitId: 'town',
    issuingUnitId: 'district',
    issuerAncestors: ['city'],
    escalationUnitId: 'city',
    addressees: [
      { personId: 'sec', name: '胡洪斌', role: 'secretary' },
      { personId: 'sup', name: '赵平冬', role: 'supervisor' },
    ],
  } as unknown as CopyNoticeInput;
  return newNoticeLoop(input, 'copy-notice/n1', {
    deadline: '2026-03-16T10:00:00.000Z',
    dueDate: '2026-03-16',
    workflowDeadline: DEADLINE,
    workflowRemindAt: REMIND_AT,
  });
}

describe('the copy-notice loop state', () => {
  it('waits for the reminder, then the deadline, and has nothing due once everyone replied', () => {
    const s = loop();
    expect(nextDue(s)).toBe(REMIND_AT);
    applyDue(s, at(REMIND_AT));
    expect(s.pending.map((effect) => effect.kind)).toEqual(['record', 'remind', 'record', 'remind']);
    expect(nextDue(s)).toBe(DEADLINE);
    for (const a of s.addressees) a.status = 'replied';
    expect(nextDue(s)).toBeUndefined();
  });

  it('escalates a missed deadline once per round and marks the addressee overdue for good', () => {
    const s = loop();
    applyDue(s, at(DEADLINE));
    const escalations = s.pending.filter((effect) => effect.kind === 'escalate');
    expect(escalations.map((effect) => effect.input.addresseeId)).toEqual(['sec', 'sup']);
    expect(s.addressees.every((a) => a.overdue && a.everOverdue)).toBe(true);
    expect(overdueChanged(s)).toBe(true);
    expect(overdueChanged(s)).toBe(false);
    const before = s.pending.length;
    applyDue(s, at(DEADLINE + 1));
    expect(s.pending).toHaveLength(before);
    // A deadline passed without a reminder first sends no late reminder.
    expect(s.pending.filter((effect) => effect.kind === 'remind')).toEqual([]);
    const first = escalations[0];
    if (first?.kind !== 'escalate') throw new Error('no escalation');
    applyEscalated(s, first.input, 'case-1', at(DEADLINE + 2));
    expect(s.caseId).toBe('case-1');
    expect(s.steps.at(-1)).toMatchObject({
      kind: 'escalated',
      caseId: 'case-1',
      reasons: 'escalated to city',
    });
  });

  it('leaves an addressee whose reply is being stored to the handler', () => {
    const s = loop();
    s.busy.add('sec');
    applyDue(s, at(DEADLINE));
    expect(s.pending.some((effect) => effect.kind === 'escalate' && effect.input.addresseeId === 'sec')).toBe(
      false,
    );
  });

  it('numbers steps, keys their records, and names the loop as actor of its own', () => {
    const s = loop();
    queueStep(s, 'issued', { addresseeId: 'sec', round: 1, by: null }, at(0));
    const { view, record } = takeStep(
      s,
      'replied',
      { addresseeId: 'sec', round: 1, by: 'sec', byName: '胡洪斌' },
      at(5),
    );
    expect(view).toMatchObject({ seq: 2, kind: 'replied', workflowTime: 5, by: 'sec' });
    expect(record).toMatchObject({ key: 'copy-notice/n1/step/2', actor: { kind: 'person', name: '胡洪斌' } });
    expect(s.pending[0]).toMatchObject({ kind: 'record', input: { actor: { kind: 'system' } } });
  });

  it('completes once every addressee is accepted', () => {
    const s = loop();
    s.addressees[0].status = 'accepted';
    finishIfAllAccepted(s, at(1));
    expect(s.status).toBe('open');
    s.addressees[1].status = 'accepted';
    finishIfAllAccepted(s, at(2));
    expect(s.status).toBe('completed');
    expect(s.steps.at(-1)?.kind).toBe('completed');
  });

  it('refuses replies and decisions that do not fit the state, by rule', () => {
    const s = loop();
    expect(() => checkReply(s, { replyId: 'r1', addresseeId: 'nobody', content: '已整改' })).toThrow(
      'is not an addressee',
    );
    expect(() => checkReply(s, { replyId: 'r1', addresseeId: 'sec', content: '  ' })).toThrow('must say');
    expect(() => checkReply(s, { replyId: 'r1', addresseeId: 'sec', content: '已整改' })).not.toThrow();
    const review = {
      reviewerUnitId: 'district',
      reviewerId: 'jw',
      reviewerName: '孙宇',
      addresseeId: 'sec',
      replyId: 'r1',
      decision: 'accept' as const,
    };
    expect(() => checkReview(s, review)).toThrow('not the one awaiting review');
    expect(() => checkReview(s, { ...review, reviewerUnitId: 'town' })).toThrow(
      'only the issuing commission',
    );
    const withdrawal = { byUnitId: 'city', by: 'x', byName: '市纪委', reason: '重复抄告' };
    expect(() => checkWithdraw(s, withdrawal)).not.toThrow();
    s.status = 'withdrawn';
    expect(() => checkWithdraw(s, withdrawal)).toThrow('takes no more replies or decisions');
  });

  it('shows addressees without the loop bookkeeping, steps in order', () => {
    const s = loop();
    queueStep(s, 'issued', { addresseeId: 'sec', round: 1, by: null }, at(0));
    const view = noticeView(s, Date.UTC(2026, 2, 2));
    expect(view.addressees[0]).not.toHaveProperty('remindedRound');
    expect(view.addressees[0]).toMatchObject({ personId: 'sec', status: 'awaitingReply', round: 1 });
    expect(view.calendarNow).toBe('2026-03-02T00:00:00.000Z');
  });
});

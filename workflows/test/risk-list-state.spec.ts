import type { RiskListInput } from '@dutychain/temporal';
import type { RiskListLoopState } from '../src/workflows/risk-list/risk-list-state';
import {
  applyDue,
  checkReturn,
  checkSubmission,
  newRiskListState,
  nextDue,
  refuseUnlessApprover,
  refuseUnlessOpen,
  riskListView,
} from '../src/workflows/risk-list/risk-list-state';

/** The risk list's transitions without Temporal: workflow time in plain numbers. */
const YELLOW = 1_000;
const DEADLINE = 2_000;
const LOCK = 5_000;
const REPEAT = 1_000;
const NOW = '2026-01-20T00:00:00.000Z';
const HASH = 'a'.repeat(64);

function list(): RiskListLoopState {
  const input = {
    personId: 'member',
    year: 2026,
    unitId: 'town',
    level: 'town',
    leadingOrgId: 'district',
    ancestors: ['district'],
  } as RiskListInput;
  const s = newRiskListState(input, 'risk-list/member/2026', {
    calendarOpensAt: Date.UTC(2026, 0, 1),
    calendarYellowAt: Date.UTC(2026, 0, 20),
    calendarDeadline: Date.UTC(2026, 0, 31),
    calendarLockAt: Date.UTC(2026, 2, 2),
    yellow: YELLOW,
    deadline: DEADLINE,
    lock: LOCK,
    escalationRepeat: REPEAT,
  });
  s.listId = 'list-1';
  return s;
}

describe('the risk list state', () => {
  it('turns yellow with a reminder, red with a reminder and an escalation, repeats it, then locks', () => {
    const s = list();
    expect(nextDue(s)).toBe(YELLOW);
    expect(applyDue(s, YELLOW, NOW)).toBe(false);
    expect(s.warning).toBe('yellow');
    expect(s.pending.map((n) => `${n.kind}/${n.level}`)).toEqual(['reminder/yellow']);
    expect(nextDue(s)).toBe(DEADLINE);
    expect(applyDue(s, DEADLINE, NOW)).toBe(true); // overdue: the search attribute must follow
    expect(s.pending.map((n) => n.key)).toEqual([
      'risk-list/member/2026/yellow',
      'risk-list/member/2026/red',
      'risk-list/member/2026/escalation/1',
    ]);
    expect(s.pending[2]).toMatchObject({ recipientUnitId: 'district', recipientPersonId: null });
    expect(nextDue(s)).toBe(DEADLINE + REPEAT);
    applyDue(s, DEADLINE + REPEAT, NOW);
    expect(s.pending.at(-1)).toMatchObject({ key: 'risk-list/member/2026/escalation/2', occurrence: 2 });
    applyDue(s, LOCK, NOW);
    expect(s.status).toBe('locked');
    expect(s.history.at(-1)).toMatchObject({ kind: 'locked', at: NOW });
  });

  it('reminds the approver while a submitted list waits, and does not lock mid-decision', () => {
    const s = list();
    s.status = 'submitted';
    s.approver = { personId: 'secretary', name: '胡洪斌', unitId: 'town', rule: 'unitSecretary' };
    applyDue(s, YELLOW, NOW);
    expect(s.pending[0]).toMatchObject({ recipientPersonId: 'secretary' });
    s.busy = true;
    applyDue(s, LOCK, NOW);
    expect(s.status).toBe('submitted');
  });

  it('refuses what the state does not allow, naming the rule', () => {
    const s = list();
    expect(() => checkSubmission(s, { signerId: 'someone', contentHash: HASH }, 0)).toThrow(
      "nobody signs someone else's list",
    );
    expect(() => checkSubmission(s, { signerId: 'member', contentHash: 'abc' }, 0)).toThrow('sha256');
    expect(() => checkSubmission(s, { signerId: 'member', contentHash: HASH }, 0)).not.toThrow();
    expect(() => refuseUnlessOpen(s, LOCK)).toThrow('locked since 2026-03-02');
    expect(() => refuseUnlessApprover(s, 'member')).toThrow('nobody approves their own list');
    expect(() => refuseUnlessApprover(s, 'secretary')).toThrow('not submitted');
    expect(() => checkReturn(s, ' ')).toThrow('needs comments');
    s.round = 99;
    expect(() => checkReturn(s, '请补充风险点')).toThrow('returned 99 times');
  });

  it('shows the deadlines in calendar and workflow time', () => {
    const view = riskListView(list(), NOW);
    expect(view).toMatchObject({
      deadline: '2026-01-31T00:00:00.000Z',
      lockAt: '2026-03-02T00:00:00.000Z',
      workflowDeadline: DEADLINE,
      workflowLockAt: LOCK,
      status: 'draft',
    });
  });
});

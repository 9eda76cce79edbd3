import type { PostView, ResponsibilityChainView } from '@dutychain/org-contract';
import { proposeInvestigations } from './investigation-proposal';

const post = (personId: string, personName: string, title: string): PostView => ({
  id: `post-${personId}`,
  personId,
  personName,
  unitId: 'town',
  unitName: '北苑街道',
  kind: 'member',
  title,
  startDate: '2024-01-01',
  endDate: null,
});

const chain = (parts: Partial<ResponsibilityChainView>): ResponsibilityChainView =>
  ({
    primary: { unitId: 'town', name: '北苑街道党工委', partyOrgType: 'committee' },
    first: null,
    dual: { supervisors: [], teamMembers: [] },
    supervisory: null,
    leadingOrg: null,
    ...parts,
  }) as ResponsibilityChainView;

describe('一案双查: the investigations proposed from the chain on the violation date', () => {
  it('proposes the committee, the secretary, every supervising member and the commission with its secretary', () => {
    const rows = proposeInvestigations(
      chain({
        first: post('sec', '胡洪斌', '街道党工委书记'),
        dual: { supervisors: [{ ...post('sup', '赵平冬', '副主任'), area: '民政' }], teamMembers: [] },
        supervisory: {
          commissionId: 'c1',
          code: 'BY-JW',
          name: '北苑街道纪工委',
          kind: 'commission',
          secretary: post('jw', '孙宇', '纪工委书记'),
        },
      }),
    );
    expect(
      rows.map((row) => [row.role, row.link, row.personName ?? row.unitName ?? row.commissionName]),
    ).toEqual([
      ['primary', 'committee', '北苑街道党工委'],
      ['primary', 'first', '胡洪斌'],
      ['primary', 'dual', '赵平冬'],
      ['supervisory', 'commission', '孙宇'],
    ]);
    expect(rows.every((row) => row.proposed)).toBe(true);
    expect(rows[3]).toMatchObject({ commissionName: '北苑街道纪工委', postTitle: '纪工委书记' });
  });

  it('still proposes the committee, and a commission without a secretary that day, when seats were empty', () => {
    const rows = proposeInvestigations(
      chain({
        supervisory: {
          commissionId: 'c1',
          code: 'BY-JW',
          name: '北苑街道纪工委',
          kind: 'commission',
          secretary: null,
        },
      }),
    );
    expect(rows).toEqual([
      expect.objectContaining({ role: 'primary', link: 'committee', personId: null }),
      expect.objectContaining({
        role: 'supervisory',
        link: 'commission',
        personId: null,
        commissionName: '北苑街道纪工委',
      }),
    ]);
  });
});

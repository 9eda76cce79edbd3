import type { PostView, ResponsibilityChainView } from '@dutychain/org-contract';
import { approverFrom, teamMembersOf } from './approver-rule';

const post = (personId: string, personName: string, unitId: string, kind: PostView['kind']): PostView => ({
  id: `post-${personId}-${unitId}`,
  personId,
  personName,
  unitId,
  unitName: unitId,
  kind,
  title: kind,
  startDate: '2024-01-01',
  endDate: null,
});

function chain(parts: Partial<ResponsibilityChainView>): ResponsibilityChainView {
  return {
    first: null,
    dual: { supervisors: [], teamMembers: [] },
    leadingOrg: null,
    ...parts,
  } as ResponsibilityChainView;
}

describe('the approver rule (审核认定)', () => {
  const townSecretary = post('sec', '胡洪斌', 'town', 'secretary');
  const districtSecretary = post('dsec', '徐波宁', 'district', 'secretary');
  const leadingOrg = {
    unit: { id: 'district' },
    secretary: districtSecretary,
  } as ResponsibilityChainView['leadingOrg'];

  it("has a team member's list approved by the unit's secretary", () => {
    expect(approverFrom(chain({ first: townSecretary }), 'member', 'town')).toEqual({
      personId: 'sec',
      name: '胡洪斌',
      unitId: 'town',
      rule: 'unitSecretary',
    });
  });

  it("has the secretary's list approved one level up: the supervising member, else the leading secretary", () => {
    const supervisor = { ...post('sup', '赵平冬', 'district', 'member'), area: '农业农村' };
    const withSupervisor = chain({
      first: townSecretary,
      leadingOrg,
      dual: { supervisors: [supervisor], teamMembers: [] },
    });
    expect(approverFrom(withSupervisor, 'sec', 'town')).toMatchObject({
      personId: 'sup',
      rule: 'supervisingMember',
    });
    expect(approverFrom(chain({ first: townSecretary, leadingOrg }), 'sec', 'town')).toMatchObject({
      personId: 'dsec',
      unitId: 'district',
      rule: 'leadingOrgSecretary',
    });
  });

  it('names nobody for the root secretary, and never the owner', () => {
    expect(approverFrom(chain({ first: townSecretary }), 'sec', 'town')).toBeNull();
    expect(approverFrom(chain({}), 'member', 'town')).toBeNull();
  });

  it('lists a team once each, secretary first', () => {
    const members = teamMembersOf([
      post('m1', '甲', 'town', 'member'),
      townSecretary,
      post('m1', '甲', 'town', 'deputySecretary'),
    ]);
    expect(members).toEqual([
      { personId: 'sec', kind: 'secretary' },
      { personId: 'm1', kind: 'deputySecretary' },
    ]);
  });
});

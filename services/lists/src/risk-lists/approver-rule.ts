import type { ApproverRef, TeamMemberRef } from '@dutychain/temporal';
import type { PostView, ResponsibilityChainView } from '@dutychain/org-contract';

const POST_ORDER = ['secretary', 'deputySecretary', 'commissionSecretary', 'member'];

/** Everyone on a unit's team on a date, once each, secretary first. */
export function teamMembersOf(posts: readonly PostView[]): TeamMemberRef[] {
  const ordered = [...posts].sort((a, b) => POST_ORDER.indexOf(a.kind) - POST_ORDER.indexOf(b.kind));
  const seen = new Set<string>();
  const members: TeamMemberRef[] = [];
  for (const post of ordered) {
    if (seen.has(post.personId)) continue;
    seen.add(post.personId);
    members.push({ personId: post.personId, kind: post.kind });
  }
  return members;
}

/**
 * The approver rule (审核认定, "whoever is in charge answers for it, one level manages the next"):
 * - a team member's list (deputy secretary, commission secretary, member) is approved by the
 *   unit's secretary in post that day;
 * - the secretary's list is approved one level up: by the leading org's team member whose 分管
 *   covers the unit that day, or, when nobody supervises it, by the leading org's secretary;
 * - nobody approves their own list: a candidate who is the list's owner is skipped.
 * Null when the chain names nobody (e.g. the secretary of the root of the tree).
 */
export function approverFrom(
  chain: ResponsibilityChainView,
  personId: string,
  unitId: string,
): ApproverRef | null {
  const isSecretary = chain.first?.personId === personId;
  if (!isSecretary) {
    if (chain.first && chain.first.personId !== personId) {
      return { personId: chain.first.personId, name: chain.first.personName, unitId, rule: 'unitSecretary' };
    }
    return null;
  }
  const leadingOrgId = chain.leadingOrg?.unit.id;
  const supervisor = chain.dual.supervisors.find(
    (s) => s.personId !== personId && (leadingOrgId === undefined || s.unitId === leadingOrgId),
  );
  if (supervisor) {
    return {
      personId: supervisor.personId,
      name: supervisor.personName,
      unitId: supervisor.unitId,
      rule: 'supervisingMember',
    };
  }
  const secretary = chain.leadingOrg?.secretary;
  if (secretary && secretary.personId !== personId && chain.leadingOrg) {
    return {
      personId: secretary.personId,
      name: secretary.personName,
      unitId: chain.leadingOrg.unit.id,
      rule: 'leadingOrgSecretary',
    };
  }
  return null;
}

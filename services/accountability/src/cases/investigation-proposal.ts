import type { ResponsibilityChainView } from '@dutychain/org-contract';
import type { ChainLink, InvestigationRole } from '../common/accountability-vocabulary';

/** A row of the proposed investigation list, before it is stored. */
export interface ProposedInvestigation {
  role: InvestigationRole;
  link: ChainLink;
  personId: string | null;
  personName: string | null;
  postTitle: string | null;
  unitId: string | null;
  unitName: string | null;
  commissionName: string | null;
  proposed: boolean;
}

/** 一案双查: who is investigated with the violation, from the chain as it stood on the violation's date. */
export function proposeInvestigations(chain: ResponsibilityChainView): ProposedInvestigation[] {
  const rows: ProposedInvestigation[] = [
    {
      role: 'primary',
      link: 'committee',
      personId: null,
      personName: null,
      postTitle: null,
      unitId: chain.primary.unitId,
      unitName: chain.primary.name,
      commissionName: null,
      proposed: true,
    },
  ];
  const person = (
    role: InvestigationRole,
    link: ChainLink,
    post: { personId: string; personName: string; title: string; unitId: string; unitName: string },
  ) => ({
    role,
    link,
    personId: post.personId,
    personName: post.personName,
    postTitle: post.title,
    unitId: post.unitId,
    unitName: post.unitName,
    commissionName: null,
    proposed: true,
  });
  if (chain.first) rows.push(person('primary', 'first', chain.first));
  for (const supervisor of chain.dual.supervisors) rows.push(person('primary', 'dual', supervisor));
  if (chain.supervisory) {
    const secretary = chain.supervisory.secretary;
    rows.push({
      role: 'supervisory',
      link: 'commission',
      personId: secretary?.personId ?? null,
      personName: secretary?.personName ?? null,
      postTitle: secretary?.title ?? null,
      unitId: secretary?.unitId ?? null,
      unitName: secretary?.unitName ?? null,
      commissionName: chain.supervisory.name,
      proposed: true,
    });
  }
  return rows;
}

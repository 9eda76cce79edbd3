import { Injectable } from '@nestjs/common';
import type { DirectoryUnit } from '@dutychain/service-kit';
import { OrgDirectoryClient } from '@dutychain/service-kit';
import { DomainError } from '@dutychain/http';

export interface ChainPost {
  personId: string;
  personName: string;
  unitId: string;
  unitName: string;
  kind: string;
  title: string;
  startDate: string;
  endDate: string | null;
}

/** The org directory's answer to GET /org-units/:id/responsibility-chain?date= (the parts used here). */
export interface ResponsibilityChainView {
  date: string;
  unit: { id: string; name: string; path: string; leadingOrgId: string | null };
  primary: { unitId: string; name: string; partyOrgType: string };
  first: ChainPost | null;
  dual: { supervisors: (ChainPost & { area: string })[]; teamMembers: ChainPost[] };
  supervisory: {
    commissionId: string;
    code: string;
    name: string;
    kind: string;
    secretary: ChainPost | null;
  } | null;
  leadingOrg: { unit: { id: string; name: string; path: string }; secretary: ChainPost | null } | null;
}

export interface PersonView {
  id: string;
  code: string;
  name: string;
}

/** Typed reads of the org directory this service makes (over its public API, with this service's key). */
@Injectable()
export class Directory {
  constructor(private readonly org: OrgDirectoryClient) {}

  unit(unitId: string): Promise<DirectoryUnit> {
    return this.org.unit(unitId);
  }

  /** The chain of responsibility for a unit as it stood on `date` ('YYYY-MM-DD'). */
  async chainOn(unitId: string, date: string): Promise<ResponsibilityChainView> {
    const chain = await this.org.get<ResponsibilityChainView>(
      `/org-units/${encodeURIComponent(unitId)}/responsibility-chain?date=${encodeURIComponent(date)}`,
    );
    if (!chain) throw DomainError.notFound('org unit', unitId);
    return chain;
  }

  async person(personId: string): Promise<PersonView> {
    const person = await this.org.get<PersonView>(`/people/${encodeURIComponent(personId)}`);
    if (!person)
      throw DomainError.invalid('personId', 'exists', `person ${personId} is not in the org directory`);
    return person;
  }
}

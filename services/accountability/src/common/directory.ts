import { Injectable } from '@nestjs/common';
import type { Caller } from '@dutychain/auth';
import { assertReferenceSeen } from '@dutychain/auth';
import type { DirectoryUnit } from '@dutychain/service-kit';
import { DirectoryParam, directoryPath, OrgDirectoryClient } from '@dutychain/service-kit';
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
  registeredUnitId?: string | null;
  posts?: { unitId: string }[];
}

/** Typed reads of the org directory this service makes (over its public API, with this service's key). */
@Injectable()
export class Directory {
  constructor(private readonly org: OrgDirectoryClient) {}

  /** A unit; `field` names the request's field that held the id (400 before any call when it is no UUID). */
  unit(unitId: string, field = 'unitId'): Promise<DirectoryUnit> {
    return this.org.unit(unitId, field);
  }

  /** The chain of responsibility for a unit as it stood on `date` ('YYYY-MM-DD'). */
  async chainOn(
    unitId: string,
    date: string,
    fields: { unitId?: string; date?: string } = {},
  ): Promise<ResponsibilityChainView> {
    const chain = await this.org.get<ResponsibilityChainView>(
      directoryPath`/org-units/${DirectoryParam.id(unitId, fields.unitId ?? 'unitId')}/responsibility-chain?date=${DirectoryParam.date(date, fields.date ?? 'date')}`,
    );
    if (!chain) throw DomainError.notFound('org unit', unitId);
    return chain;
  }

  async person(personId: string, field = 'personId'): Promise<PersonView> {
    const person = await this.org.get<PersonView>(
      directoryPath`/people/${DirectoryParam.id(personId, field)}`,
    );
    if (!person) throw DomainError.invalid(field, 'exists', `person ${personId} is not in the org directory`);
    return person;
  }

  /**
   * The person named in `field`, if the caller sees them (this service reads the directory with its
   * own key, so it applies the directory's rule for the caller: 403 OUTSIDE_SCOPE otherwise).
   */
  async personSeenBy(caller: Caller, personId: string, field: string): Promise<PersonView> {
    const person = await this.person(personId, field);
    if (caller.unitPath === '/') return person;
    const unitIds = [person.registeredUnitId, ...(person.posts ?? []).map((post) => post.unitId)].filter(
      (unitId): unitId is string => typeof unitId === 'string',
    );
    const units = await Promise.all([...new Set(unitIds)].map((unitId) => this.org.unit(unitId)));
    assertReferenceSeen(
      caller,
      field,
      units.map((unit) => unit.path),
    );
    return person;
  }
}

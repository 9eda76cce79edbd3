import { Injectable } from '@nestjs/common';
import type { ApproverRef, TeamMemberRef } from '@dutychain/temporal';
import type { DirectoryUnit } from '@dutychain/service-kit';
import { DirectoryParam, directoryPath, OrgDirectoryClient } from '@dutychain/service-kit';
import { DomainError } from '@dutychain/http';

export interface TeamPost {
  id: string;
  personId: string;
  personName: string;
  unitId: string;
  unitName: string;
  kind: string;
  title: string;
}

interface ChainView {
  first: TeamPost | null;
  dual: { supervisors: (TeamPost & { area: string })[]; teamMembers: TeamPost[] };
  leadingOrg: { unit: DirectoryUnit; secretary: TeamPost | null } | null;
}

const POST_ORDER = ['secretary', 'deputySecretary', 'commissionSecretary', 'member'];

/** Typed reads of the org directory this service needs: teams, people, the responsibility chain, subtrees. */
@Injectable()
export class Directory {
  constructor(private readonly org: OrgDirectoryClient) {}

  unit(unitId: string, field = 'unitId'): Promise<DirectoryUnit> {
    return this.org.unit(unitId, field);
  }

  /** A unit's team on a day; `fields` name the request's fields that held the id and the day. */
  async team(unitId: string, on: string, fields: { unitId?: string; on?: string } = {}): Promise<TeamPost[]> {
    return (
      (await this.org.get<TeamPost[]>(
        directoryPath`/org-units/${DirectoryParam.id(unitId, fields.unitId ?? 'unitId')}/team?date=${DirectoryParam.date(on, fields.on ?? 'date')}`,
      )) ?? []
    );
  }

  /** Everyone on a unit's team on a date, once each, secretary first. */
  async teamMembers(
    unitId: string,
    on: string,
    fields: { unitId?: string; on?: string } = {},
  ): Promise<TeamMemberRef[]> {
    const posts = [...(await this.team(unitId, on, fields))].sort(
      (a, b) => POST_ORDER.indexOf(a.kind) - POST_ORDER.indexOf(b.kind),
    );
    const seen = new Set<string>();
    const members: TeamMemberRef[] = [];
    for (const post of posts) {
      if (seen.has(post.personId)) continue;
      seen.add(post.personId);
      members.push({ personId: post.personId, kind: post.kind });
    }
    return members;
  }

  async personName(personId: string): Promise<string> {
    const person = await this.org.get<{ name: string }>(
      directoryPath`/people/${DirectoryParam.id(personId, 'personId')}`,
    );
    if (!person) throw DomainError.notFound('person', personId);
    return person.name;
  }

  /**
   * The approver rule (审核认定, "whoever is in charge answers for it, one level manages the next"):
   * - a team member's list (deputy secretary, commission secretary, member) is approved by the
   *   unit's secretary in post that day;
   * - the secretary's list is approved one level up: by the leading org's team member whose 分管
   *   covers the unit that day, or, when nobody supervises it, by the leading org's secretary;
   * - nobody approves their own list: a candidate who is the list's owner is skipped.
   * Null when the directory names nobody (e.g. the secretary of the root of the tree).
   */
  async approverOf(personId: string, unitId: string, on: string): Promise<ApproverRef | null> {
    const chain = await this.org.get<ChainView>(
      directoryPath`/org-units/${DirectoryParam.id(unitId, 'unitId')}/responsibility-chain?date=${DirectoryParam.date(on, 'date')}`,
    );
    if (!chain) return null;
    const isSecretary = chain.first?.personId === personId;
    if (!isSecretary) {
      if (chain.first && chain.first.personId !== personId) {
        return {
          personId: chain.first.personId,
          name: chain.first.personName,
          unitId,
          rule: 'unitSecretary',
        };
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

  /** Every unit of a subtree (the root included), paged from the directory. */
  async subtree(unitId: string): Promise<DirectoryUnit[]> {
    const root = await this.org.unit(unitId);
    const id = DirectoryParam.id(root.id, 'unitId');
    const all: DirectoryUnit[] = [root];
    let cursor: string | null = null;
    do {
      const page: { items: DirectoryUnit[]; nextCursor: string | null } | undefined = await this.org.get(
        cursor
          ? directoryPath`/org-units/${id}/subtree?limit=${DirectoryParam.own(500)}&cursor=${DirectoryParam.own(cursor)}`
          : directoryPath`/org-units/${id}/subtree?limit=${DirectoryParam.own(500)}`,
      );
      if (!page) break;
      all.push(...page.items.filter((u) => u.id !== root.id));
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  }
}

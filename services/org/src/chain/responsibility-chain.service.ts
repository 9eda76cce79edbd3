import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '@dutychain/auth';
import type { PostView } from '../people/person.dto';
import { Commission } from '../commissions/commission.entity';
import { OrgUnitRepository } from '../org-units/org-unit.repository';
import { OrgUnitsService, toView } from '../org-units/org-units.service';
import type { OrgUnitView } from '../org-units/org-unit.dto';
import { TeamRepository } from '../posts/team.repository';

/**
 * 责任链: who carried which of the four responsibilities for a unit on a date. One case, two
 * investigations starts from this, so it must answer for past dates after people have moved.
 */
export interface ResponsibilityChain {
  date: string;
  unit: OrgUnitView;
  /** 主体责任: the unit's own party committee or party group. */
  primary: { unitId: string; name: string; partyOrgType: string };
  /** 第一责任人责任: the secretary in post that day. */
  first: PostView | null;
  /** 一岗双责: members whose 分管 covered the unit that day, then the unit's other team members. */
  dual: { supervisors: (PostView & { area: string })[]; teamMembers: PostView[] };
  /** 监督责任: the commission or dispatched group covering the unit, and its secretary that day. */
  supervisory: {
    commissionId: string;
    code: string;
    name: string;
    kind: string;
    secretary: PostView | null;
  } | null;
  /** One level up: the leading org and its secretary that day ("one level manages the next"). */
  leadingOrg: { unit: OrgUnitView; secretary: PostView | null } | null;
}

@Injectable()
export class ResponsibilityChainService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orgUnits: OrgUnitsService,
    private readonly units: OrgUnitRepository,
    private readonly team: TeamRepository,
  ) {}

  async chainOn(caller: Caller, unitId: string, date: string): Promise<ResponsibilityChain> {
    const unit = await this.orgUnits.getVisible(caller, unitId);
    const posts = await this.team.postsOn(unit.id, date);
    const first = posts.find((post) => post.kind === 'secretary') ?? null;
    const supervisors = await this.team.supervisorsOf(unit.id, date);
    const teamMembers = posts.filter((post) => post.kind !== 'secretary');
    const parent = unit.leadingOrgId ? await this.units.findById(unit.leadingOrgId) : null;
    return {
      date,
      unit: toView(unit),
      primary: { unitId: unit.id, name: unit.name, partyOrgType: unit.partyOrgType },
      first,
      dual: { supervisors, teamMembers },
      supervisory: unit.commissionId ? await this.commissionOn(unit.commissionId, date) : null,
      leadingOrg: parent
        ? { unit: toView(parent), secretary: await this.secretaryOn(parent.id, date) }
        : null,
    };
  }

  private async commissionOn(
    commissionId: string,
    date: string,
  ): Promise<ResponsibilityChain['supervisory']> {
    const commission = await this.dataSource.getRepository(Commission).findOneBy({ id: commissionId });
    if (!commission) return null;
    // A unit's own commission is led by the commission secretary on the host unit's team.
    const hostPosts =
      commission.kind === 'commission' ? await this.team.postsOn(commission.hostUnitId, date) : [];
    return {
      commissionId: commission.id,
      code: commission.code,
      name: commission.name,
      kind: commission.kind,
      secretary: hostPosts.find((post) => post.kind === 'commissionSecretary') ?? null,
    };
  }

  private async secretaryOn(unitId: string, date: string): Promise<PostView | null> {
    return (await this.team.postsOn(unitId, date)).find((post) => post.kind === 'secretary') ?? null;
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '@dutychain/auth';
import { Commission } from '../commissions/commission.entity';
import { OrgUnitRepository } from '../org-units/org-unit.repository';
import { OrgUnitsService, toView } from '../org-units/org-units.service';
import { TeamRepository } from '../posts/team.repository';
import type { PostView, ResponsibilityChainView } from '@dutychain/org-contract';

@Injectable()
export class ResponsibilityChainService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orgUnits: OrgUnitsService,
    private readonly units: OrgUnitRepository,
    private readonly team: TeamRepository,
  ) {}

  async chainOn(caller: Caller, unitId: string, date: string): Promise<ResponsibilityChainView> {
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
  ): Promise<ResponsibilityChainView['supervisory']> {
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

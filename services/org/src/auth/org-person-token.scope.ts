import { Injectable } from '@nestjs/common';
import type { Caller } from '@dutychain/auth';
import { canSee, isInSubtree, PersonTokenScope } from '@dutychain/auth';
import { OrgUnitRepository } from '../org-units/org-unit.repository';
import { PeopleRepository } from '../people/people.repository';

/**
 * In the directory itself a token's scope is read fresh on every request: its unit's path and
 * guiding links as they are now, and its person still registered in, or holding a current post
 * in, the part of the tree the token acts for or a unit above it. A link removed, or a post
 * ended, shows at once.
 */
@Injectable()
export class OrgPersonTokenScope extends PersonTokenScope {
  constructor(
    private readonly units: OrgUnitRepository,
    private readonly people: PeopleRepository,
  ) {
    super();
  }

  async current(claimed: Caller): Promise<Caller | undefined> {
    const unit = await this.units.findById(claimed.unitId);
    if (!unit) return undefined;
    const caller: Caller = {
      ...claimed,
      unitPath: unit.path,
      guidedUnitPaths: await this.units.guidedPathsOutside(unit.path),
    };
    // Within the token's part of the tree, or above it (a district member with 分管 acts for a town).
    const belongs = await this.people.currentUnitPathsOf(claimed.id);
    return belongs.some((path) => canSee(caller, path) || isInSubtree(unit.path, path)) ? caller : undefined;
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '@dutychain/auth';
import { AuditLog, generateApiKey, signPersonToken } from '@dutychain/auth';
import type { Role } from '@dutychain/domain';
import { DomainError } from '@dutychain/http';
import { OrgConfig } from '../org.config';
import { OrgUnitRepository } from '../org-units/org-unit.repository';
import { OrgUnitsService } from '../org-units/org-units.service';
import { PeopleService } from '../people/people.service';
import { ApiKeyRepository } from './api-key.repository';
import { OrgPersonTokenScope } from './org-person-token.scope';

/**
 * Issues credentials. People get short-lived signed tokens (in production the SSO gateway calls
 * this with its own API key); machines get API keys. Nobody can grant more than they have.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly config: OrgConfig,
    private readonly dataSource: DataSource,
    private readonly orgUnits: OrgUnitsService,
    private readonly units: OrgUnitRepository,
    private readonly people: PeopleService,
    private readonly keys: ApiKeyRepository,
    private readonly audit: AuditLog,
    private readonly tokenScope: OrgPersonTokenScope,
  ) {}

  async issueToken(
    caller: Caller,
    personId: string,
    unitId: string,
    roles: Role[],
  ): Promise<{ token: string; expiresInSeconds: number }> {
    const unit = await this.orgUnits.getRunnable(caller, unitId);
    // The person is named by a field: one out of sight is a neutral 403 naming personId.
    const person = await this.people.getReferenced(caller, 'personId', personId, 'see');
    checkGrantable(caller, roles);
    const claims = {
      kind: 'person' as const,
      id: person.id,
      name: person.name,
      roles,
      unitId: unit.id,
      unitPath: unit.path,
      guidedUnitPaths: await this.units.guidedPathsOutside(unit.path),
    };
    // The same rule every request of the token will meet: the person belongs to that part of the tree.
    if (!(await this.tokenScope.current(claims)))
      throw DomainError.rule(
        'token.personBelongsToUnit',
        `${person.name} is neither registered in nor holds a current post in ${unit.name}, the units it leads or a unit above it`,
        'personId',
      );
    const token = signPersonToken(claims, this.config.authSecret, this.config.tokenTtlSeconds);
    return { token, expiresInSeconds: this.config.tokenTtlSeconds };
  }

  async createApiKey(
    caller: Caller,
    name: string,
    unitId: string,
    roles: Role[],
  ): Promise<{ id: string; key: string }> {
    const unit = await this.orgUnits.getRunnable(caller, unitId);
    checkGrantable(caller, roles);
    const generated = generateApiKey();
    await this.dataSource.transaction(async (manager) => {
      await this.keys.insert(manager, {
        id: generated.id,
        name,
        keyHash: generated.hash,
        roles,
        unitId: unit.id,
      });
      await this.audit.record(manager, caller, {
        action: 'apiKey.create',
        entityType: 'apiKey',
        entityId: generated.id,
        unitId: unit.id,
        payload: { name, roles },
      });
    });
    return { id: generated.id, key: generated.key };
  }

  async revokeApiKey(caller: Caller, id: string): Promise<void> {
    const key = await this.keys.findById(id);
    if (!key) throw DomainError.notFound('API key', id);
    await this.orgUnits.getRunnable(caller, key.unitId);
    await this.dataSource.transaction(async (manager) => {
      await this.keys.revoke(manager, id);
      await this.audit.record(manager, caller, {
        action: 'apiKey.revoke',
        entityType: 'apiKey',
        entityId: id,
        unitId: key.unitId,
        payload: {},
      });
    });
  }
}

function checkGrantable(caller: Caller, roles: Role[]): void {
  if (caller.roles.includes('admin')) return;
  const extra = roles.filter((role) => !caller.roles.includes(role));
  if (extra.length > 0)
    throw DomainError.invalid(
      'roles',
      'grantable',
      `you cannot grant roles you do not hold: ${extra.join(', ')}`,
    );
}

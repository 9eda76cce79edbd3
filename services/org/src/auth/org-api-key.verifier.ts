import { Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { Caller } from '@dutychain/auth';
import { apiKeyIdOf, ApiKeyVerifier, hashApiKey } from '@dutychain/auth';
import { OrgConfig } from '../org.config';
import { OrgUnitRepository } from '../org-units/org-unit.repository';
import { ApiKeyRepository } from './api-key.repository';

export const BOOTSTRAP_CALLER: Caller = {
  kind: 'apiKey',
  id: 'bootstrap',
  name: 'bootstrap admin key',
  roles: ['admin'],
  unitId: '*',
  unitPath: '/',
  guidedUnitPaths: [],
};

/** Looks API keys up in the org schema; the bootstrap key from configuration has global admin scope. */
@Injectable()
export class OrgApiKeyVerifier extends ApiKeyVerifier {
  constructor(
    private readonly config: OrgConfig,
    private readonly keys: ApiKeyRepository,
    private readonly units: OrgUnitRepository,
  ) {
    super();
  }

  async verify(key: string): Promise<Caller | undefined> {
    if (this.config.bootstrapApiKey && sameText(key, this.config.bootstrapApiKey)) return BOOTSTRAP_CALLER;
    const id = apiKeyIdOf(key);
    if (!id) return undefined;
    const stored = await this.keys.findActive(id);
    if (!stored || !sameText(hashApiKey(key), stored.keyHash)) return undefined;
    const unit = await this.units.findById(stored.unitId);
    if (!unit) return undefined;
    return {
      kind: 'apiKey',
      id: stored.id,
      name: stored.name,
      roles: stored.roles,
      unitId: unit.id,
      unitPath: unit.path,
      guidedUnitPaths: await this.units.guidedPathsOutside(unit.path),
    };
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

import { Injectable } from '@nestjs/common';
import type { Caller } from '@dutychain/auth';
import { ApiKeyVerifier } from '@dutychain/auth';
import { OrgDirectoryClient } from './org-directory.client';
import { OrgDirectorySettings } from './service-settings';

/** Most keys remembered at once; random keys sent by a scanner must not grow the process without bound. */
export const API_KEY_CACHE_LIMIT = 10_000;

/**
 * API keys belong to the org directory. A checked key's caller (or its refusal) is trusted for
 * `apiKeyCacheMs` so every request does not ask; that is also how long a revoked key keeps working here.
 */
@Injectable()
export class OrgIntrospectionVerifier extends ApiKeyVerifier {
  private readonly cache = new Map<string, { caller: Caller | undefined; until: number }>();

  constructor(
    private readonly org: OrgDirectoryClient,
    private readonly settings: OrgDirectorySettings,
  ) {
    super();
  }

  async verify(key: string): Promise<Caller | undefined> {
    const cached = this.cache.get(key);
    if (cached && cached.until > Date.now()) return cached.caller;
    this.cache.delete(key);
    const caller = await this.org.introspect(key);
    if (this.settings.apiKeyCacheMs > 0) {
      // A Map iterates in insertion order: the first key is the one remembered longest.
      if (this.cache.size >= API_KEY_CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(key, { caller, until: Date.now() + this.settings.apiKeyCacheMs });
    }
    return caller;
  }
}

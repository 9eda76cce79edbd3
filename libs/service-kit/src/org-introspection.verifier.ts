import { Injectable } from '@nestjs/common';
import type { Caller } from '@dutychain/auth';
import { ApiKeyVerifier, PersonTokenScope } from '@dutychain/auth';
import { OrgDirectoryClient } from './org-directory.client';
import { OrgDirectorySettings } from './service-settings';

/** Most credentials remembered at once; random ones sent by a scanner must not grow the process without bound. */
export const API_KEY_CACHE_LIMIT = 10_000;

/**
 * The org directory's answer about a credential, trusted for `apiKeyCacheMs` so that every request
 * does not ask: that is also how long a revoked key, or a token whose scope changed, keeps its old
 * answer here.
 */
class IntrospectionCache {
  private readonly entries = new Map<string, { caller: Caller | undefined; until: number }>();

  constructor(private readonly ttlMs: number) {}

  async get(credential: string, ask: () => Promise<Caller | undefined>): Promise<Caller | undefined> {
    const cached = this.entries.get(credential);
    if (cached && cached.until > Date.now()) return cached.caller;
    this.entries.delete(credential);
    const caller = await ask();
    if (this.ttlMs > 0) {
      // A Map iterates in insertion order: the first entry is the one remembered longest.
      if (this.entries.size >= API_KEY_CACHE_LIMIT)
        this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(credential, { caller, until: Date.now() + this.ttlMs });
    }
    return caller;
  }
}

/** API keys belong to the org directory, which is asked who a key is. */
@Injectable()
export class OrgIntrospectionVerifier extends ApiKeyVerifier {
  private readonly cache: IntrospectionCache;

  constructor(
    private readonly org: OrgDirectoryClient,
    settings: OrgDirectorySettings,
  ) {
    super();
    this.cache = new IntrospectionCache(settings.apiKeyCacheMs);
  }

  verify(key: string): Promise<Caller | undefined> {
    return this.cache.get(key, () => this.org.introspect({ apiKey: key }));
  }
}

/**
 * A person's token is checked here by its signature, then its scope is the directory's: the org
 * service answers for it with the unit's guiding links and the person's posts as they are now.
 */
@Injectable()
export class OrgTokenIntrospection extends PersonTokenScope {
  private readonly cache: IntrospectionCache;

  constructor(
    private readonly org: OrgDirectoryClient,
    settings: OrgDirectorySettings,
  ) {
    super();
    this.cache = new IntrospectionCache(settings.apiKeyCacheMs);
  }

  current(_claimed: Caller, token: string): Promise<Caller | undefined> {
    return this.cache.get(token, () => this.org.introspect({ bearerToken: token }));
  }
}

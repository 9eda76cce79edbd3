import { Injectable } from '@nestjs/common';
import type { Caller } from '@dutychain/auth';
import { ApiKeyVerifier } from '@dutychain/auth';
import { OrgDirectoryClient } from './org-directory.client';

const CACHE_MS = 60_000;

/** API keys belong to the org directory; their callers are cached briefly so every request does not ask. */
@Injectable()
export class OrgIntrospectionVerifier extends ApiKeyVerifier {
  private readonly cache = new Map<string, { caller: Caller | undefined; until: number }>();

  constructor(private readonly org: OrgDirectoryClient) {
    super();
  }

  async verify(key: string): Promise<Caller | undefined> {
    const cached = this.cache.get(key);
    if (cached && cached.until > Date.now()) return cached.caller;
    const caller = await this.org.introspect(key);
    this.cache.set(key, { caller, until: Date.now() + CACHE_MS });
    return caller;
  }
}

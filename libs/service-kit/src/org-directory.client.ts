import { HttpStatus, Injectable } from '@nestjs/common';
import type { Caller } from '@dutychain/auth';
import type { OrgLevel } from '@dutychain/domain';
import { DomainError, ErrorCode } from '@dutychain/http';
import { OrgDirectorySettings } from './service-settings';

export interface DirectoryUnit {
  id: string;
  code: string;
  name: string;
  level: OrgLevel;
  leadingOrgId: string | null;
  path: string;
}

export interface DirectoryChildUnit extends DirectoryUnit {
  /** Units this one leads (0 at the bottom level). */
  childCount: number;
}

/**
 * The org directory over its public API: no other service reads the org schema. Calls use the
 * calling service's own API key; scope decisions are made by the caller against its user's token.
 */
@Injectable()
export class OrgDirectoryClient {
  constructor(private readonly settings: OrgDirectorySettings) {}

  async unit(unitId: string): Promise<DirectoryUnit> {
    const response = await this.call(`/org-units/${encodeURIComponent(unitId)}`);
    if (response.status === 404) throw DomainError.notFound('org unit', unitId);
    if (response.status === 400) throw DomainError.invalid('unitId', 'isUuid', 'unitId must be a UUID');
    return this.body<DirectoryUnit>(response);
  }

  async children(unitId: string): Promise<DirectoryChildUnit[]> {
    return this.body<DirectoryChildUnit[]>(
      await this.call(`/org-units/${encodeURIComponent(unitId)}/children`),
    );
  }

  /** Who an API key belongs to, as the org service (which owns the keys) sees it. */
  async introspect(apiKey: string): Promise<Caller | undefined> {
    const response = await this.call('/auth/me', apiKey);
    return response.status === 200 ? ((await response.json()) as Caller) : undefined;
  }

  /**
   * Any other read of the directory (`/org-units/:id/team?date=…`, `/responsibility-chain`, …):
   * services keep their own typed wrappers over it. `undefined` when the directory answers 404.
   */
  async get<T>(pathAndQuery: string): Promise<T | undefined> {
    const response = await this.call(pathAndQuery);
    if (response.status === 404) return undefined;
    return this.body<T>(response);
  }

  private async call(path: string, apiKey = this.settings.serviceApiKey): Promise<Response> {
    try {
      return await fetch(`${this.settings.orgUrl}${path}`, {
        headers: { 'x-api-key': apiKey },
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      throw new DomainError(
        ErrorCode.Internal,
        HttpStatus.SERVICE_UNAVAILABLE,
        'the org directory is not reachable',
      );
    }
  }

  private async body<T>(response: Response): Promise<T> {
    if (!response.ok) {
      throw new DomainError(
        ErrorCode.Internal,
        HttpStatus.BAD_GATEWAY,
        `the org directory answered ${response.status}`,
      );
    }
    return (await response.json()) as T;
  }
}

/** Unit ids along a path, root first, without the unit itself. */
export function ancestorsOf(unit: Pick<DirectoryUnit, 'id' | 'path'>): string[] {
  return unit.path.split('/').filter((id) => id.length > 0 && id !== unit.id);
}

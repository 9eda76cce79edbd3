import { Injectable } from '@nestjs/common';
import type { Caller } from '@dutychain/auth';
import { assertRuns, assertSees } from '@dutychain/auth';
import type { OrgLevel } from '@dutychain/domain';
import { dateProblem } from '@dutychain/domain';
import { canonicalUuid, DomainError, ErrorCode } from '@dutychain/http';
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

const UNIT_CACHE_MS = 60_000;
const UNIT_CACHE_LIMIT = 10_000;

/**
 * One value a directory request carries, checked before the request goes out: a caller's bad input
 * is a 400 naming the caller's field, never the directory's refusal passed on as a 502.
 */
export class DirectoryParam {
  private constructor(readonly text: string) {}

  /** A unit or person id: a UUID (rule `isUuid`), sent in canonical lower case. */
  static id(value: unknown, field: string): DirectoryParam {
    const uuid = canonicalUuid(value);
    if (uuid === undefined) throw DomainError.invalid(field, 'isUuid', `${field} must be a UUID`);
    return new DirectoryParam(uuid);
  }

  /** A day (`YYYY-MM-DD`, within the bounds every date shares). */
  static date(value: unknown, field: string): DirectoryParam {
    const problem = dateProblem(field, value);
    if (problem) throw DomainError.invalid(field, problem.rule, problem.message);
    return new DirectoryParam(value as string);
  }

  /** A value this service made itself (a page size, a cursor the directory handed out). */
  static own(value: string | number): DirectoryParam {
    return new DirectoryParam(encodeURIComponent(String(value)));
  }
}

/** A path of the directory's API whose every variable part is a checked DirectoryParam. */
export class DirectoryPath {
  private constructor(readonly text: string) {}

  static of(strings: TemplateStringsArray, ...params: DirectoryParam[]): DirectoryPath {
    return new DirectoryPath(
      strings.reduce((path, part, i) => path + (i > 0 ? (params[i - 1]?.text ?? '') : '') + part, ''),
    );
  }
}

/** Builds a DirectoryPath: `` directoryPath`/org-units/${DirectoryParam.id(unitId, 'unitId')}/team` ``. */
export const directoryPath = DirectoryPath.of;

/**
 * The org directory over its public API: no other service reads the org schema. Calls use the
 * calling service's own API key; scope decisions are made by the caller against its user's token.
 * Every id and date is checked before the call (DirectoryParam), naming the caller's field.
 */
@Injectable()
export class OrgDirectoryClient {
  /** Units by id: a unit's path never changes, so scope checks may reuse it; a new name shows within a minute. */
  private readonly units = new Map<string, { unit: DirectoryUnit; until: number }>();

  constructor(private readonly settings: OrgDirectorySettings) {}

  /** A unit; `field` names the caller's field that held the id (400 `isUuid` before any call). */
  async unit(unitId: string, field = 'unitId'): Promise<DirectoryUnit> {
    const id = DirectoryParam.id(unitId, field);
    const cached = this.units.get(id.text);
    if (cached && cached.until > Date.now()) return cached.unit;
    const response = await this.call(directoryPath`/org-units/${id}`.text);
    if (response.status === 404) throw DomainError.notFound('org unit', id.text);
    const unit = await this.body<DirectoryUnit>(response);
    // A Map iterates in insertion order: the first entry is the one remembered longest.
    if (this.units.size >= UNIT_CACHE_LIMIT) this.units.delete(this.units.keys().next().value as string);
    this.units.set(id.text, { unit, until: Date.now() + UNIT_CACHE_MS });
    return unit;
  }

  /** A unit the caller sees (the scope policy's neutral 403 otherwise). */
  async visibleUnit(caller: Caller, unitId: string, field = 'unitId'): Promise<DirectoryUnit> {
    const unit = await this.unit(unitId, field);
    assertSees(caller, unit.path);
    return unit;
  }

  /** A unit the caller runs (403 out of sight, GUIDING_ORG_READ_ONLY when it only sees it). */
  async runnableUnit(caller: Caller, unitId: string, field = 'unitId'): Promise<DirectoryUnit> {
    const unit = await this.unit(unitId, field);
    assertRuns(caller, unit.path, unit.name);
    return unit;
  }

  async children(unitId: string, field = 'unitId'): Promise<DirectoryChildUnit[]> {
    const id = DirectoryParam.id(unitId, field);
    return this.body<DirectoryChildUnit[]>(await this.call(directoryPath`/org-units/${id}/children`.text));
  }

  /**
   * Who a credential belongs to, as the org service (which owns keys and scopes) sees it now:
   * `undefined` when it refuses the credential.
   */
  async introspect(credential: { apiKey: string } | { bearerToken: string }): Promise<Caller | undefined> {
    const response = await this.call(
      '/auth/me',
      'apiKey' in credential
        ? { 'x-api-key': credential.apiKey }
        : { authorization: `Bearer ${credential.bearerToken}` },
    );
    if (response.status === 401) return undefined;
    return this.body<Caller>(response);
  }

  /**
   * Any other read of the directory (`/org-units/:id/team?date=…`, `/responsibility-chain`, …):
   * services keep their own typed wrappers over it, building the path with `directoryPath` so every
   * id and date in it was checked. `undefined` when the directory answers 404.
   */
  async get<T>(path: DirectoryPath): Promise<T | undefined> {
    const response = await this.call(path.text);
    if (response.status === 404) return undefined;
    return this.body<T>(response);
  }

  private async call(
    path: string,
    credentials: Record<string, string> = { 'x-api-key': this.settings.serviceApiKey },
  ): Promise<Response> {
    try {
      return await fetch(`${this.settings.orgUrl}${path}`, {
        headers: credentials,
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      throw DomainError.unavailable('orgDirectory', 'the org directory is not reachable');
    }
  }

  private async body<T>(response: Response): Promise<T> {
    if (!response.ok) {
      throw new DomainError(ErrorCode.UpstreamFailed, `the org directory answered ${response.status}`);
    }
    return (await response.json()) as T;
  }
}

/** Unit ids along a path, root first, without the unit itself. */
export function ancestorsOf(unit: Pick<DirectoryUnit, 'id' | 'path'>): string[] {
  return unit.path.split('/').filter((id) => id.length > 0 && id !== unit.id);
}

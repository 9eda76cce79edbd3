import { Injectable } from '@nestjs/common';
import type { Caller } from '@dutychain/auth';
import { assertReferenceSeen, assertRuns, assertSees, isGlobal } from '@dutychain/auth';
import { dateProblem } from '@dutychain/domain';
import { canonicalUuid, DomainError, ErrorCode } from '@dutychain/http';
import type {
  ChildOrgUnitView,
  OrgUnitView,
  PersonDetailView,
  PostView,
  ResponsibilityChainView,
} from '@dutychain/org-contract';
import { OrgDirectorySettings } from './service-settings';

/** A unit as the directory answers it (`GET /org-units/:id`). */
export type DirectoryUnit = OrgUnitView;
/** A child unit, with how many units it leads (0 at the bottom level). */
export type DirectoryChildUnit = ChildOrgUnitView;

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

  /** A unit's team on a day; `fields` name the request's fields that held the id and the day. */
  async team(unitId: string, on: string, fields: { unitId?: string; on?: string } = {}): Promise<PostView[]> {
    return (
      (await this.get<PostView[]>(
        directoryPath`/org-units/${DirectoryParam.id(unitId, fields.unitId ?? 'unitId')}/team?date=${DirectoryParam.date(on, fields.on ?? 'date')}`,
      )) ?? []
    );
  }

  /** The chain of responsibility of a unit as it stood on `date` (YYYY-MM-DD). */
  async chainOn(
    unitId: string,
    date: string,
    fields: { unitId?: string; date?: string } = {},
  ): Promise<ResponsibilityChainView> {
    const chain = await this.get<ResponsibilityChainView>(
      directoryPath`/org-units/${DirectoryParam.id(unitId, fields.unitId ?? 'unitId')}/responsibility-chain?date=${DirectoryParam.date(date, fields.date ?? 'date')}`,
    );
    if (!chain) throw DomainError.notFound('org unit', unitId);
    return chain;
  }

  /** A person with their posts; 400 `exists` naming `field` when the directory has nobody by that id. */
  async person(personId: string, field = 'personId'): Promise<PersonDetailView> {
    const person = await this.get<PersonDetailView>(
      directoryPath`/people/${DirectoryParam.id(personId, field)}`,
    );
    if (!person) throw DomainError.invalid(field, 'exists', `person ${personId} is not in the org directory`);
    return person;
  }

  /**
   * The person named in `field`, if the caller sees them as the directory would: their registering
   * unit or a unit of one of their posts lies in the caller's part of the tree (the scope policy's
   * neutral 403 naming the field otherwise). This service reads with its own key, so it applies the
   * rule for its caller.
   */
  async personSeenBy(caller: Caller, personId: string, field: string): Promise<PersonDetailView> {
    const person = await this.person(personId, field);
    if (isGlobal(caller)) return person;
    const unitIds = [person.registeredUnitId, ...person.posts.map((post) => post.unitId)].filter(
      (unitId): unitId is string => typeof unitId === 'string',
    );
    const units = await Promise.all([...new Set(unitIds)].map((unitId) => this.unit(unitId)));
    assertReferenceSeen(
      caller,
      field,
      units.map((unit) => unit.path),
    );
    return person;
  }

  /** Every unit of a subtree (the root first), paged from the directory. */
  async subtree(unitId: string): Promise<DirectoryUnit[]> {
    const root = await this.unit(unitId);
    const id = DirectoryParam.id(root.id, 'unitId');
    const all: DirectoryUnit[] = [root];
    let cursor: string | null = null;
    do {
      const page: { items: DirectoryUnit[]; nextCursor: string | null } | undefined = await this.get(
        cursor
          ? directoryPath`/org-units/${id}/subtree?limit=${DirectoryParam.own(500)}&cursor=${DirectoryParam.own(cursor)}`
          : directoryPath`/org-units/${id}/subtree?limit=${DirectoryParam.own(500)}`,
      );
      if (!page) break;
      all.push(...page.items.filter((unit) => unit.id !== root.id));
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  }

  /** A read whose path was built with `directoryPath` (every id and date checked); undefined on 404. */
  private async get<T>(path: DirectoryPath): Promise<T | undefined> {
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

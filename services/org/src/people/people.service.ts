import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Caller } from '@dutychain/auth';
import {
  assertReferenceRun,
  assertReferenceSeen,
  AuditLog,
  canRun,
  canSee,
  guidingOrgReadOnly,
  isGlobal,
  outsideScope,
} from '@dutychain/auth';
import { DomainError } from '@dutychain/http';
import type { CreatePersonDto } from './person.dto';
import type { Person } from './person.entity';
import { PeopleRepository } from './people.repository';
import { OrgUnitRepository } from '../org-units/org-unit.repository';
import type { PersonDetailView, PersonView } from '@dutychain/org-contract';

@Injectable()
export class PeopleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly people: PeopleRepository,
    private readonly units: OrgUnitRepository,
    private readonly audit: AuditLog,
  ) {}

  /** Registers a person at a unit the caller runs; their posts may later be anywhere. */
  async create(caller: Caller, dto: CreatePersonDto): Promise<PersonView> {
    const unit = await this.units.findById(dto.unitId);
    if (!unit) throw DomainError.invalid('unitId', 'exists', `org unit ${dto.unitId} does not exist`);
    assertReferenceRun(caller, 'unitId', [unit.path]);
    const person: Person = {
      id: randomUUID(),
      code: dto.code.trim(),
      name: dto.name.trim(),
      gender: dto.gender ?? null,
      registeredUnitId: unit.id,
    };
    await this.dataSource.transaction(async (manager) => {
      await this.people.insert(manager, person);
      await this.audit.record(manager, caller, {
        action: 'person.create',
        entityType: 'person',
        entityId: person.id,
        unitId: unit.id,
        payload: person,
      });
    });
    return person;
  }

  /**
   * A person is visible where their registering unit or any post of theirs, past or present, is
   * visible (lifelong accountability follows the career).
   */
  async getVisible(caller: Caller, id: string): Promise<Person> {
    const person = await this.people.findById(id);
    if (!person) throw DomainError.notFound('person', id);
    if (isGlobal(caller)) return person;
    const paths = await this.people.unitPathsOf(id);
    // The refusal names nobody: it must not tell who the id belongs to.
    if (!paths.some((path) => canSee(caller, path))) throw outsideScope();
    return person;
  }

  /**
   * A person the caller may act on: their registering unit or a unit they held a post at is run
   * by the caller (a guiding org that only sees them gets GUIDING_ORG_READ_ONLY).
   */
  async getRunnable(caller: Caller, id: string): Promise<Person> {
    const person = await this.getVisible(caller, id);
    if (isGlobal(caller)) return person;
    const paths = await this.people.unitPathsOf(id);
    if (!paths.some((path) => canRun(caller, path))) throw guidingOrgReadOnly(person.name);
    return person;
  }

  /**
   * A person named by a field of the request: 400 when nobody has the id, a neutral 403 naming the
   * field when the caller does not see (or run) one of the units that place them.
   */
  async getReferenced(caller: Caller, field: string, id: string, needs: 'see' | 'run'): Promise<Person> {
    const person = await this.people.findById(id);
    if (!person) throw DomainError.invalid(field, 'exists', `person ${id} does not exist`);
    if (isGlobal(caller)) return person;
    const paths = await this.people.unitPathsOf(id);
    if (needs === 'run') assertReferenceRun(caller, field, paths, person.name);
    else assertReferenceSeen(caller, field, paths);
    return person;
  }

  async detail(caller: Caller, id: string): Promise<PersonDetailView> {
    const person = await this.getVisible(caller, id);
    return {
      ...person,
      posts: await this.people.postsOf(id),
      supervisions: await this.people.supervisionsOf(id),
      ...(await this.people.oversightOf(id)),
    };
  }

  search(caller: Caller, nameContains: string, today: string): Promise<PersonView[]> {
    return this.people.searchCurrent(caller.unitPath, nameContains, today);
  }
}

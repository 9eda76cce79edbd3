import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Caller } from '@dutychain/auth';
import { AuditLog } from '@dutychain/auth';
import { DomainError } from '@dutychain/http';
import type { PostView } from '../people/person.dto';
import { PeopleRepository } from '../people/people.repository';
import { PeopleService } from '../people/people.service';
import { OrgUnitsService } from '../org-units/org-units.service';
import { OversightPair } from '../oversight/oversight-pair.entity';
import { Supervision } from '../supervisions/supervision.entity';
import type { CreateOversightPairDto, CreatePostDto, CreateSupervisionDto } from './post.dto';
import { Post } from './post.entity';
import { TeamRepository } from './team.repository';

/** Posts, 分管 and oversight pairs: who sits where, over what, and from when to when. */
@Injectable()
export class PostsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: OrgUnitsService,
    private readonly people: PeopleRepository,
    private readonly peopleService: PeopleService,
    private readonly team: TeamRepository,
    private readonly audit: AuditLog,
  ) {}

  async create(caller: Caller, dto: CreatePostDto): Promise<PostView> {
    checkDates(dto.startDate, dto.endDate);
    const unit = await this.units.getRunnable(caller, dto.unitId);
    const person = await this.people.findById(dto.personId);
    if (!person) throw DomainError.invalid('personId', 'exists', `person ${dto.personId} does not exist`);
    const post: Post = {
      id: randomUUID(),
      personId: person.id,
      unitId: unit.id,
      kind: dto.kind,
      title: dto.title.trim(),
      startDate: dto.startDate,
      endDate: dto.endDate ?? null,
    };
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(Post).insert(post);
      await this.audit.record(manager, caller, {
        action: 'post.create',
        entityType: 'post',
        entityId: post.id,
        unitId: unit.id,
        payload: post,
      });
    });
    return { ...post, personName: person.name, unitName: unit.name };
  }

  async end(caller: Caller, id: string, endDate: string): Promise<PostView> {
    const post = await this.dataSource.getRepository(Post).findOneBy({ id });
    if (!post) throw DomainError.notFound('post', id);
    const unit = await this.units.getRunnable(caller, post.unitId);
    if (post.endDate !== null)
      throw DomainError.conflict('endDate', 'alreadyEnded', `the post already ended on ${post.endDate}`);
    checkDates(post.startDate, endDate);
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(Post).update({ id }, { endDate });
      await this.audit.record(manager, caller, {
        action: 'post.end',
        entityType: 'post',
        entityId: id,
        unitId: unit.id,
        payload: { endDate },
      });
    });
    const person = await this.people.findById(post.personId);
    return { ...post, endDate, personName: person?.name ?? '', unitName: unit.name };
  }

  async teamOn(caller: Caller, unitId: string, date: string): Promise<PostView[]> {
    await this.units.getVisible(caller, unitId);
    return this.team.postsOn(unitId, date);
  }

  async createSupervision(caller: Caller, dto: CreateSupervisionDto): Promise<Supervision> {
    checkDates(dto.startDate, dto.endDate);
    const team = await this.units.getRunnable(caller, dto.unitId);
    const supervised = await this.units.getVisible(caller, dto.supervisedUnitId);
    const seat = await this.team.postOf(dto.personId, team.id, dto.startDate);
    if (!seat) {
      throw DomainError.rule(
        'supervisor.holdsPost',
        `the person holds no post on the team of ${team.name} on ${dto.startDate}`,
        'personId',
      );
    }
    const supervision: Supervision = {
      id: randomUUID(),
      personId: dto.personId,
      unitId: team.id,
      supervisedUnitId: supervised.id,
      area: dto.area?.trim() ?? '',
      startDate: dto.startDate,
      endDate: dto.endDate ?? null,
    };
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(Supervision).insert(supervision);
      await this.audit.record(manager, caller, {
        action: 'supervision.create',
        entityType: 'supervision',
        entityId: supervision.id,
        unitId: team.id,
        payload: supervision,
      });
    });
    return supervision;
  }

  async createOversightPair(caller: Caller, dto: CreateOversightPairDto): Promise<OversightPair> {
    checkDates(dto.startDate, dto.endDate);
    if (dto.overseerId === dto.headId)
      throw DomainError.invalid('headId', 'notSelf', 'a leader cannot oversee themselves');
    await this.peopleService.getVisible(caller, dto.overseerId);
    await this.peopleService.getVisible(caller, dto.headId);
    const pair: OversightPair = { id: randomUUID(), ...dto, endDate: dto.endDate ?? null };
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(OversightPair).insert(pair);
      await this.audit.record(manager, caller, {
        action: 'oversightPair.create',
        entityType: 'oversightPair',
        entityId: pair.id,
        unitId: caller.unitId === '*' ? null : caller.unitId,
        payload: pair,
      });
    });
    return pair;
  }
}

function checkDates(startDate: string, endDate: string | undefined): void {
  if (endDate !== undefined && endDate < startDate) {
    throw DomainError.invalid(
      'endDate',
      'notBeforeStart',
      `endDate ${endDate} is before startDate ${startDate}`,
    );
  }
}

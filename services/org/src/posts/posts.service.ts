import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import type { Caller } from '@dutychain/auth';
import { AuditLog } from '@dutychain/auth';
import { DomainError } from '@dutychain/http';
import { PeopleRepository } from '../people/people.repository';
import { PeopleService } from '../people/people.service';
import { OrgUnitsService } from '../org-units/org-units.service';
import { OversightPair } from '../oversight/oversight-pair.entity';
import { Supervision } from '../supervisions/supervision.entity';
import type { CreateOversightPairDto, CreatePostDto, CreateSupervisionDto } from './post.dto';
import { Post } from './post.entity';
import { TeamRepository } from './team.repository';
import type { PostView } from '@dutychain/org-contract';

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
    // A post attaches the person to the caller's unit and so opens their record there: the caller
    // must already see them (an outsider stays out of reach).
    const person = await this.peopleService.getReferenced(caller, 'personId', dto.personId, 'see');
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
    if (post.endDate !== null) throw alreadyEnded('post', post.endDate);
    checkDates(post.startDate, endDate);
    await this.dataSource.transaction(async (manager) => {
      // Only an open one: of two ends racing, the second finds nothing to update and gets the 409.
      const result = await manager.getRepository(Post).update({ id, endDate: IsNull() }, { endDate });
      if (result.affected !== 1) throw alreadyEnded('post', null);
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
    const supervised = await this.units.getReferenced(
      caller,
      'supervisedUnitId',
      dto.supervisedUnitId,
      'see',
    );
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

  /** Ends a 分管, with the checks that created it: the caller runs the team's unit and sees the supervised one. */
  async endSupervision(caller: Caller, id: string, endDate: string): Promise<Supervision> {
    const supervision = await this.dataSource.getRepository(Supervision).findOneBy({ id });
    if (!supervision) throw DomainError.notFound('supervision', id);
    const team = await this.units.getRunnable(caller, supervision.unitId);
    await this.units.getVisible(caller, supervision.supervisedUnitId);
    if (supervision.endDate !== null) throw alreadyEnded('supervision', supervision.endDate);
    checkDates(supervision.startDate, endDate);
    await this.dataSource.transaction(async (manager) => {
      // Only an open one: of two ends racing, the second finds nothing to update and gets the 409.
      const result = await manager.getRepository(Supervision).update({ id, endDate: IsNull() }, { endDate });
      if (result.affected !== 1) throw alreadyEnded('supervision', null);
      await this.audit.record(manager, caller, {
        action: 'supervision.end',
        entityType: 'supervision',
        entityId: id,
        unitId: team.id,
        payload: { endDate },
      });
    });
    return { ...supervision, endDate };
  }

  async createOversightPair(caller: Caller, dto: CreateOversightPairDto): Promise<OversightPair> {
    checkDates(dto.startDate, dto.endDate);
    if (dto.overseerId === dto.headId)
      throw DomainError.invalid('headId', 'notSelf', 'a leader cannot oversee themselves');
    // The pair belongs to the overseer's unit: the caller runs it, and sees the head they oversee.
    await this.peopleService.getReferenced(caller, 'overseerId', dto.overseerId, 'run');
    await this.peopleService.getReferenced(caller, 'headId', dto.headId, 'see');
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

  /** Ends an oversight pair, with the checks that created it: the caller runs the overseer's unit and sees the head. */
  async endOversightPair(caller: Caller, id: string, endDate: string): Promise<OversightPair> {
    const pair = await this.dataSource.getRepository(OversightPair).findOneBy({ id });
    if (!pair) throw DomainError.notFound('oversight pair', id);
    await this.peopleService.getRunnable(caller, pair.overseerId);
    await this.peopleService.getVisible(caller, pair.headId);
    if (pair.endDate !== null) throw alreadyEnded('oversight pair', pair.endDate);
    checkDates(pair.startDate, endDate);
    await this.dataSource.transaction(async (manager) => {
      const result = await manager
        .getRepository(OversightPair)
        .update({ id, endDate: IsNull() }, { endDate });
      if (result.affected !== 1) throw alreadyEnded('oversight pair', null);
      await this.audit.record(manager, caller, {
        action: 'oversightPair.end',
        entityType: 'oversightPair',
        entityId: id,
        unitId: caller.unitId === '*' ? null : caller.unitId,
        payload: { endDate },
      });
    });
    return { ...pair, endDate };
  }
}

/** 409 for a period that already has an end date: history is kept, not rewritten. */
function alreadyEnded(what: string, endDate: string | null): DomainError {
  return DomainError.conflict(
    'endDate',
    'alreadyEnded',
    endDate === null
      ? `the ${what} was ended by another request meanwhile`
      : `the ${what} already ended on ${endDate}`,
  );
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

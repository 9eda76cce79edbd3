import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '@dutychain/auth';
import { OrgDirectoryClient } from '@dutychain/service-kit';
import { assertRuns, assertSees, AuditLog, escapeLike, hasAnyRole } from '@dutychain/auth';
import { latestToday } from '@dutychain/domain';
import { DomainError, ErrorCode } from '@dutychain/http';
import { ListsConfig } from '../lists.config';
import type { CreateDutyRecordDto, DutyRecordQueryDto, SilentLeadersQueryDto } from './duty-record.dto';
import { DutyRecord } from './duty-record.entity';
import { Evidence } from './evidence.entity';
import { EvidenceStore } from './evidence-store';

/** File signatures checked against the declared type, so a renamed file is refused. */
const MAGIC: Record<string, (b: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': (b) =>
    b.subarray(0, 2).toString('latin1') === 'PK',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': (b) =>
    b.subarray(0, 2).toString('latin1') === 'PK',
};

export interface DutyRecordView {
  id: string;
  personId: string;
  unitId: string;
  kind: DutyRecord['kind'];
  occurredOn: string;
  title: string;
  content: string;
  evidence: { id: string; sha256: string; size: number; mimeType: string; fileName: string }[];
}

export interface UploadedEvidence {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/** Duty records (履责记录) with evidence files, and the leaders who left no trace. */
@Injectable()
export class DutyRecordsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly org: OrgDirectoryClient,
    private readonly audit: AuditLog,
    private readonly store: EvidenceStore,
    private readonly config: ListsConfig,
  ) {}

  async create(caller: Caller, dto: CreateDutyRecordDto): Promise<DutyRecordView> {
    const unit = await this.org.runnableUnit(caller, dto.unitId);
    const personId = dto.personId ?? (caller.kind === 'person' ? caller.id : undefined);
    if (!personId)
      throw DomainError.invalid('personId', 'required', 'personId is required when an API key records');
    if (personId !== caller.id && !hasAnyRole(caller, ['committeeStaff', 'commissionStaff'])) {
      throw new DomainError(
        ErrorCode.ForbiddenRole,
        'leaders record their own duties; committee staff record for others',
        [{ field: 'personId', rule: 'record.ownOnly', message: 'leaders record their own duties' }],
      );
    }
    if (personId !== caller.id) {
      // Staff record for the leaders of a unit they run: someone else's leader is outside their scope
      // (and a record for him would clear him from his own unit's silent leaders).
      const team = await this.org.team(unit.id, dto.occurredOn, { on: 'occurredOn' });
      if (!team.some((post) => post.personId === personId)) {
        const message = `${personId} is not on ${unit.name}'s team on ${dto.occurredOn}: staff record for the leaders of the units they run`;
        throw new DomainError(ErrorCode.OutsideScope, message, [
          { field: 'personId', rule: 'record.teamMember', message },
        ]);
      }
    }
    if (dto.occurredOn > latestToday()) {
      throw DomainError.rule(
        'record.notFuture',
        'a duty record is about something that happened: occurredOn is in the future',
        'occurredOn',
      );
    }
    const id = await this.dataSource.transaction(async (manager) => {
      const record = await manager.getRepository(DutyRecord).save(
        manager.getRepository(DutyRecord).create({
          personId,
          unitId: unit.id,
          unitPath: unit.path,
          kind: dto.kind,
          occurredOn: dto.occurredOn,
          title: dto.title,
          content: dto.content,
          createdBy: caller.id,
        }),
      );
      await this.audit.record(manager, caller, {
        action: 'dutyRecord.created',
        entityType: 'dutyRecord',
        entityId: record.id,
        unitId: unit.id,
        payload: { personId, kind: dto.kind, occurredOn: dto.occurredOn, title: dto.title },
      });
      return record.id;
    });
    return this.view(id);
  }

  async get(caller: Caller, id: string): Promise<DutyRecordView> {
    const record = await this.find(id);
    if (record.personId !== caller.id) assertSees(caller, record.unitPath);
    return this.view(id);
  }

  async list(caller: Caller, query: DutyRecordQueryDto): Promise<DutyRecordView[]> {
    const qb = this.dataSource.getRepository(DutyRecord).createQueryBuilder('r');
    if (query.unitId) {
      const unit = await this.org.visibleUnit(caller, query.unitId);
      qb.where('r.unit_path LIKE :root', { root: `${escapeLike(unit.path)}%` });
    } else {
      const roots = [caller.unitPath, ...caller.guidedUnitPaths];
      qb.where(
        `(${roots.map((_, i) => `r.unit_path LIKE :root${i}`).join(' OR ')})`,
        Object.fromEntries(roots.map((r, i) => [`root${i}`, `${escapeLike(r)}%`])),
      );
    }
    if (query.personId) qb.andWhere('r.person_id = :personId', { personId: query.personId });
    if (query.from) qb.andWhere('r.occurred_on >= :from', { from: query.from });
    if (query.to) qb.andWhere('r.occurred_on <= :to', { to: query.to });
    const rows = await qb.orderBy('r.occurred_on', 'DESC').limit(1000).getMany();
    return Promise.all(rows.map((r) => this.view(r.id)));
  }

  /** Attaches a file: size and type limits, the type checked against the bytes, stored once by sha256. */
  async addEvidence(caller: Caller, id: string, file: UploadedEvidence | undefined): Promise<DutyRecordView> {
    if (!file)
      throw DomainError.invalid('file', 'required', 'upload the evidence as the multipart field "file"');
    const record = await this.find(id);
    if (record.personId !== caller.id) assertRuns(caller, record.unitPath, `duty record ${id}`);
    if (file.size === 0) throw DomainError.invalid('file', 'notEmpty', 'an empty file is no evidence');
    if (file.size > this.config.evidenceMaxBytes) {
      throw new DomainError(
        ErrorCode.PayloadTooLarge,
        `evidence files are at most ${this.config.evidenceMaxBytes} bytes`,
        [
          {
            field: 'file',
            rule: 'evidence.maxBytes',
            message: `at most ${this.config.evidenceMaxBytes} bytes, got ${file.size}`,
          },
        ],
      );
    }
    if (!this.config.evidenceTypes.includes(file.mimetype)) {
      throw new DomainError(
        ErrorCode.UnsupportedMediaType,
        `evidence of type ${file.mimetype} is not accepted`,
        [
          {
            field: 'file',
            rule: 'evidence.type',
            message: `accepted types: ${this.config.evidenceTypes.join(', ')}`,
          },
        ],
      );
    }
    const magic = MAGIC[file.mimetype];
    if (magic && !magic(file.buffer)) {
      throw new DomainError(ErrorCode.UnsupportedMediaType, `the file's content is not ${file.mimetype}`, [
        {
          field: 'file',
          rule: 'evidence.typeMismatch',
          message: `the bytes are not a ${file.mimetype} file`,
        },
      ]);
    }
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    await this.store.put(sha256, file.buffer);
    await this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .insert()
        .into(Evidence)
        .values({
          dutyRecordId: id,
          sha256,
          size: String(file.size),
          mimeType: file.mimetype,
          fileName: file.originalname.slice(0, 255),
          createdBy: caller.id,
        })
        .orIgnore()
        .execute();
      if ((result.identifiers ?? []).filter(Boolean).length > 0) {
        await this.audit.record(manager, caller, {
          action: 'dutyRecord.evidenceAdded',
          entityType: 'dutyRecord',
          entityId: id,
          unitId: record.unitId,
          payload: { sha256, size: file.size, mimeType: file.mimetype },
        });
      }
    });
    return this.view(id);
  }

  async openEvidence(
    caller: Caller,
    id: string,
    evidenceId: string,
  ): Promise<{ evidence: Evidence; stream: Readable }> {
    const record = await this.find(id);
    if (record.personId !== caller.id) assertSees(caller, record.unitPath);
    const evidence = await this.dataSource
      .getRepository(Evidence)
      .findOneBy({ id: evidenceId, dutyRecordId: id });
    if (!evidence) throw DomainError.notFound('evidence', evidenceId);
    return { evidence, stream: await this.store.open(evidence.sha256) };
  }

  /**
   * Leaders (people with a risk list for the year in the subtree) who have no duty record in the
   * last `months` months: a missing trace is itself a finding.
   */
  async silentLeaders(
    caller: Caller,
    query: SilentLeadersQueryDto,
  ): Promise<{
    asOf: string;
    months: number;
    since: string;
    leaders: {
      personId: string;
      personName: string;
      unitId: string;
      unitName: string;
      lastRecordOn: string | null;
    }[];
  }> {
    const root = query.unitId ? (await this.org.visibleUnit(caller, query.unitId)).path : caller.unitPath;
    const months = query.months ?? this.config.silentMonths;
    const asOf = query.asOf ?? new Date().toISOString().slice(0, 10);
    const rows: {
      person_id: string;
      person_name: string;
      unit_id: string;
      unit_name: string;
      last: string | null;
    }[] = await this.dataSource.query(
      `SELECT l.person_id, l.person_name, l.unit_id, l.unit_name,
                (SELECT max(r.occurred_on)::text FROM lists.duty_record r WHERE r.person_id = l.person_id) AS last
           FROM lists.risk_list l
          WHERE l.year = $1 AND l.unit_path LIKE $2
            AND NOT EXISTS (
              SELECT 1 FROM lists.duty_record r
               WHERE r.person_id = l.person_id
                 AND r.occurred_on > ($3::date - make_interval(months => $4))::date
                 AND r.occurred_on <= $3::date)
          ORDER BY l.unit_path, l.person_name`,
      [query.year, `${escapeLike(root)}%`, asOf, months],
    );
    const since = monthsBefore(asOf, months);
    return {
      asOf,
      months,
      since,
      leaders: rows.map((r) => ({
        personId: r.person_id,
        personName: r.person_name,
        unitId: r.unit_id,
        unitName: r.unit_name,
        lastRecordOn: r.last,
      })),
    };
  }

  private async find(id: string): Promise<DutyRecord> {
    const record = await this.dataSource.getRepository(DutyRecord).findOneBy({ id });
    if (!record) throw DomainError.notFound('duty record', id);
    return record;
  }

  private async view(id: string): Promise<DutyRecordView> {
    const record = await this.find(id);
    const evidence = await this.dataSource
      .getRepository(Evidence)
      .find({ where: { dutyRecordId: id }, order: { createdAt: 'ASC' } });
    return {
      id: record.id,
      personId: record.personId,
      unitId: record.unitId,
      kind: record.kind,
      occurredOn: record.occurredOn,
      title: record.title,
      content: record.content,
      evidence: evidence.map((e) => ({
        id: e.id,
        sha256: e.sha256,
        size: Number(e.size),
        mimeType: e.mimeType,
        fileName: e.fileName,
      })),
    };
  }
}

/** The same day `months` earlier, clamped to the month's last day (as PostgreSQL's interval arithmetic does). */
function monthsBefore(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = index % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, last))).toISOString().slice(0, 10);
}

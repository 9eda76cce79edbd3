import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type { Caller } from '@dutychain/auth';
import {
  assertReferenceRun,
  assertRuns,
  assertSees,
  AuditLog,
  subtreePattern,
  visiblePathCondition,
} from '@dutychain/auth';
import { DomainError, ErrorCode } from '@dutychain/http';
import type { NoticeEscalation } from '@dutychain/temporal';
import type { CaseStatus } from '../common/accountability-vocabulary';
import {
  CASE_STATUS_LABELS,
  CASE_TRANSITIONS,
  ORGANISATION_FORMS,
  PERSON_FORMS,
} from '../common/accountability-vocabulary';
import type { ResponsibilityChainView } from '@dutychain/org-contract';
import { workflowCaller } from '../common/system-caller';
import type { ProposedInvestigation } from './investigation-proposal';
import { proposeInvestigations } from './investigation-proposal';
import { NoticeRepository } from '../notices/notice.repository';
import type {
  AddExemptionDto,
  AddInvestigationDto,
  AddMeasureDto,
  CaseApprovalDto,
  CaseTransitionDto,
  InvestigationOutcomeDto,
  ListCasesQueryDto,
  OpenCaseDto,
} from './case.dto';
import type { CaseDetail, CaseRow, InvestigationRow } from './case.repository';
import { CaseRepository } from './case.repository';
import { OrgDirectoryClient } from '@dutychain/service-kit';

/**
 * Accountability cases (问责): intake by hand, from a petition or from an overdue notice; the
 * responsibility chain proposed for the violation's date; investigations with outcomes; measures;
 * exemptions and mitigations with reasons; a status flow with a second person's approval. Cases
 * follow people by personId, wherever they have moved since (终身问责).
 */
@Injectable()
export class CasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly notices: NoticeRepository,
    private readonly org: OrgDirectoryClient,
    private readonly audit: AuditLog,
  ) {}

  async open(caller: Caller, dto: OpenCaseDto): Promise<CaseDetail> {
    const unit = await this.org.unit(dto.unitId);
    assertRuns(caller, unit.path, unit.name);
    const chain = await this.org.chainOn(unit.id, dto.violationDate, { date: 'violationDate' });
    const violators: ProposedInvestigation[] = [];
    for (const [i, personId] of [...new Set(dto.violatorPersonIds ?? [])].entries()) {
      const person = await this.org.personSeenBy(caller, personId, `violatorPersonIds[${i}]`);
      violators.push({
        role: 'violator',
        link: 'violator',
        personId,
        personName: person.name,
        postTitle: this.postOn(chain, personId),
        unitId: unit.id,
        unitName: unit.name,
        commissionName: null,
        proposed: false,
      });
    }
    const id = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      await this.cases.insertCase(manager, {
        id,
        unitId: unit.id,
        unitName: unit.name,
        unitPath: unit.path,
        source: dto.source,
        sourceRef: dto.sourceRef ?? null,
        sourceKey: null,
        violationDate: dto.violationDate,
        summary: dto.summary,
        chain,
        openedBy: caller.id,
        openedByName: caller.name,
      });
      for (const row of [...violators, ...proposeInvestigations(chain)])
        await this.cases.insertInvestigation(manager, id, row);
      await this.event(manager, caller, id, unit.id, 'opened', null, 'intake', dto.summary, {
        source: dto.source,
        violationDate: dto.violationDate,
        chainDate: chain.date,
      });
    });
    return this.detail(caller, id);
  }

  /**
   * An addressee missed a notice's deadline: the notice's case is opened (once) with the chain as it
   * stood on the due date, and the addressee is added as a violator. Called by the loop's activity.
   */
  async intakeFromOverdueNotice(escalation: NoticeEscalation): Promise<string> {
    const notice = await this.notices.find(escalation.noticeId);
    if (!notice) throw DomainError.internal(`notice ${escalation.noticeId} is not stored`);
    const [addressee] = (await this.notices.addressees([notice.id])).filter(
      (a) => a.personId === escalation.addresseeId,
    );
    const sourceKey = `notice:${notice.id}`;
    const existing = await this.cases.findBySourceKey(sourceKey);
    const chain = existing ? null : await this.org.chainOn(notice.unitId, escalation.dueDate);
    const system = workflowCaller({
      kind: 'system',
      id: escalation.workflowId,
      name: 'copy-notice workflow',
    });
    return this.dataSource.transaction(async (manager) => {
      let caseId = existing?.id;
      if (!caseId && chain) {
        const inserted = await this.cases.insertCase(manager, {
          id: randomUUID(),
          unitId: notice.unitId,
          unitName: notice.unitName,
          unitPath: notice.unitPath,
          source: 'overdueNotice',
          sourceRef: notice.id,
          sourceKey,
          violationDate: escalation.dueDate,
          summary: `抄告《${notice.title}》逾期未回告（应于${escalation.dueDate}前回告）`,
          chain,
          openedBy: system.id,
          openedByName: system.name,
        });
        caseId = inserted ?? (await this.cases.findBySourceKey(sourceKey, manager))?.id;
        if (inserted) {
          for (const row of proposeInvestigations(chain))
            await this.cases.insertInvestigation(manager, inserted, row);
          await this.event(
            manager,
            system,
            inserted,
            notice.unitId,
            'opened',
            null,
            'intake',
            'overdue notice',
            {
              noticeId: notice.id,
              violationDate: escalation.dueDate,
            },
          );
        }
      }
      if (!caseId) throw DomainError.internal(`the case of notice ${notice.id} could not be opened`);
      const added = await this.cases.insertInvestigation(manager, caseId, {
        role: 'violator',
        link: 'violator',
        personId: escalation.addresseeId,
        personName: addressee?.name ?? null,
        postTitle: addressee?.title ?? null,
        unitId: notice.unitId,
        unitName: notice.unitName,
        commissionName: null,
        proposed: true,
      });
      if (added)
        await this.event(
          manager,
          system,
          caseId,
          notice.unitId,
          'investigation',
          null,
          null,
          'overdue reply',
          {
            personId: escalation.addresseeId,
            round: escalation.round,
            dueDate: escalation.dueDate,
          },
        );
      return caseId;
    });
  }

  async list(caller: Caller, query: ListCasesQueryDto): Promise<CaseRow[]> {
    const params: unknown[] = [];
    const clauses = [visiblePathCondition(caller, 'c.unit_path', params)];
    if (query.subtreeOf) {
      const root = await this.org.unit(query.subtreeOf, 'subtreeOf');
      assertSees(caller, root.path);
      params.push(subtreePattern(root.path));
      clauses.push(`c.unit_path LIKE $${params.length}`);
    }
    if (query.status) {
      params.push(query.status);
      clauses.push(`c.status = $${params.length}`);
    }
    return this.cases.list(clauses.join(' AND '), params, query.limit ?? 100);
  }

  /** Every case a person is investigated in, wherever they have moved since (终身问责), within scope. */
  async ofPerson(caller: Caller, personId: string): Promise<(CaseRow & { roles: string[] })[]> {
    const params: unknown[] = [personId];
    return this.cases.ofPerson(visiblePathCondition(caller, 'c.unit_path', params), params);
  }

  async detail(caller: Caller, id: string): Promise<CaseDetail> {
    const found = await this.find(id);
    assertSees(caller, found.unitPath);
    return this.cases.detail(found);
  }

  async addInvestigation(caller: Caller, id: string, dto: AddInvestigationDto): Promise<CaseDetail> {
    const found = await this.editable(caller, id);
    const person = await this.org.personSeenBy(caller, dto.personId, 'personId');
    const link =
      dto.link ?? (dto.role === 'violator' ? 'violator' : dto.role === 'supervisory' ? 'commission' : 'dual');
    await this.dataSource.transaction(async (manager) => {
      const added = await this.cases.insertInvestigation(manager, id, {
        role: dto.role,
        link,
        personId: person.id,
        personName: person.name,
        postTitle: dto.postTitle ?? this.postOn(found.chain, person.id),
        unitId: found.unitId,
        unitName: found.unitName,
        commissionName: null,
        proposed: false,
      });
      if (!added)
        throw DomainError.conflict(
          'personId',
          'unique',
          `${person.name} is already investigated as ${dto.role} in this case`,
        );
      await this.event(manager, caller, id, found.unitId, 'investigation', null, null, null, {
        ...dto,
        link,
      });
    });
    return this.detail(caller, id);
  }

  async recordOutcome(
    caller: Caller,
    id: string,
    investigationId: string,
    dto: InvestigationOutcomeDto,
  ): Promise<CaseDetail> {
    const found = await this.editable(caller, id);
    await this.investigation(found, investigationId);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE accountability.investigation SET outcome = $3, finding = $4, updated_at = now() WHERE case_id = $1 AND id = $2`,
        [id, investigationId, dto.outcome, dto.finding],
      );
      await this.event(manager, caller, id, found.unitId, 'outcome', null, null, null, {
        investigationId,
        ...dto,
      });
    });
    return this.detail(caller, id);
  }

  async addMeasure(caller: Caller, id: string, dto: AddMeasureDto): Promise<CaseDetail> {
    const found = await this.editable(caller, id, ['investigating', 'reviewing']);
    let target: { unitId: string | null; personId: string | null; name: string };
    if (dto.targetKind === 'person') {
      if (!(PERSON_FORMS as readonly string[]).includes(dto.form))
        throw DomainError.invalid(
          'form',
          'personForm',
          `a person is held accountable by ${PERSON_FORMS.join(', ')}`,
        );
      if (!dto.investigationId)
        throw DomainError.invalid(
          'investigationId',
          'required',
          'a measure on a person follows from their investigation',
        );
      const inv = await this.investigation(found, dto.investigationId);
      if (!inv.personId)
        throw DomainError.invalid('investigationId', 'person', 'that investigation names no person');
      if (inv.outcome !== 'responsible')
        throw DomainError.rule(
          'measure.responsible',
          `${inv.personName ?? ''} has not been found responsible: record the outcome first`,
          'investigationId',
        );
      target = { unitId: inv.unitId, personId: inv.personId, name: inv.personName ?? inv.personId };
    } else {
      if (!(ORGANISATION_FORMS as readonly string[]).includes(dto.form))
        throw DomainError.invalid(
          'form',
          'organisationForm',
          `an organisation is held accountable by ${ORGANISATION_FORMS.join(', ')}`,
        );
      const unit = await this.org.unit(dto.unitId ?? found.unitId);
      // A reference: one out of sight is a neutral 403 naming unitId.
      assertReferenceRun(caller, 'unitId', [unit.path], unit.name);
      target = { unitId: unit.id, personId: null, name: unit.name };
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO accountability.accountability_measure
           (id, case_id, investigation_id, target_kind, unit_id, person_id, target_name, form, note, decided_by, decided_by_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          randomUUID(),
          id,
          dto.investigationId ?? null,
          dto.targetKind,
          target.unitId,
          target.personId,
          target.name,
          dto.form,
          dto.note ?? null,
          caller.id,
          caller.name,
        ],
      );
      await this.event(manager, caller, id, found.unitId, 'measure', null, null, dto.note ?? null, {
        ...dto,
        target,
      });
    });
    return this.detail(caller, id);
  }

  /** 三个区分开来: an exemption or mitigation, with its ground and reasons, for one investigated person. */
  async addExemption(caller: Caller, id: string, dto: AddExemptionDto): Promise<CaseDetail> {
    const found = await this.editable(caller, id, ['investigating', 'reviewing']);
    await this.investigation(found, dto.investigationId);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO accountability.exemption (id, case_id, investigation_id, kind, basis, reasons, recorded_by, recorded_by_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [randomUUID(), id, dto.investigationId, dto.kind, dto.basis, dto.reasons, caller.id, caller.name],
      );
      await this.event(manager, caller, id, found.unitId, 'exemption', null, null, dto.reasons, dto);
    });
    return this.detail(caller, id);
  }

  async transition(caller: Caller, id: string, dto: CaseTransitionDto): Promise<CaseDetail> {
    const found = await this.find(id);
    assertRuns(caller, found.unitPath, `the case's unit ${found.unitName}`);
    if (dto.version !== undefined && dto.version !== found.version)
      throw DomainError.conflict(
        'version',
        'stale',
        `the case is at version ${found.version}, not ${dto.version}: refresh and decide again`,
      );
    const allowed = CASE_TRANSITIONS[found.status];
    if (!allowed.includes(dto.to)) {
      const hint = dto.to === 'approved' ? ' (approval: POST /cases/{id}/approvals)' : '';
      throw DomainError.conflict(
        'to',
        'transition',
        `a case in ${found.status} (${CASE_STATUS_LABELS[found.status]}) moves to ${allowed.join(', ') || 'nothing'}, not ${dto.to}${hint}`,
      );
    }
    if (dto.to === 'reviewing') {
      const detail = await this.cases.detail(found);
      const pending = detail.investigations.filter((i) => i.outcome === 'pending');
      if (pending.length > 0)
        throw DomainError.rule(
          'case.outcomesRecorded',
          `record the outcome of every investigation first: ${pending.map((i) => i.personName ?? i.commissionName ?? i.unitName ?? i.id).join('、')}`,
          'to',
        );
    }
    await this.move(caller, found, dto.to, 'status', dto.note ?? null);
    return this.detail(caller, id);
  }

  /** Approval by someone other than whoever sent the case to review (four eyes). */
  async approve(caller: Caller, id: string, dto: CaseApprovalDto): Promise<CaseDetail> {
    const found = await this.find(id);
    assertRuns(caller, found.unitPath, `the case's unit ${found.unitName}`);
    if (found.status !== 'reviewing')
      throw DomainError.conflict(
        'status',
        'reviewing',
        `only a case under review is approved; this one is ${found.status}`,
      );
    const submitter = await this.cases.lastMoveTo(id, 'reviewing');
    if (submitter === caller.id)
      throw DomainError.rule(
        'case.fourEyes',
        'you sent this case to review: someone else approves it',
        'decision',
      );
    await this.move(
      caller,
      found,
      dto.decision === 'approve' ? 'approved' : 'investigating',
      'approval',
      dto.note ?? null,
    );
    return this.detail(caller, id);
  }

  private async move(
    caller: Caller,
    found: CaseRow,
    to: CaseStatus,
    kind: string,
    note: string | null,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [updated] = await manager.query<[unknown[], number]>(
        `UPDATE accountability.accountability_case
           SET status = $3, version = version + 1, updated_at = now(),
               closed_at = CASE WHEN $3 IN ('closed', 'dismissed') THEN now() ELSE closed_at END
         WHERE id = $1 AND version = $2 RETURNING id`,
        [found.id, found.version, to],
      );
      if (updated.length === 0)
        throw DomainError.conflict(
          'version',
          'stale',
          'the case changed meanwhile: refresh and decide again',
        );
      await this.event(manager, caller, found.id, found.unitId, kind, found.status, to, note, { note });
    });
  }

  private async event(
    manager: EntityManager,
    caller: Caller,
    caseId: string,
    unitId: string,
    kind: string,
    from: string | null,
    to: string | null,
    note: string | null,
    payload: unknown,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO accountability.case_event (case_id, kind, from_status, to_status, by_id, by_name, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [caseId, kind, from, to, caller.id, caller.name, note],
    );
    await this.audit.record(manager, caller, {
      action: `case.${kind}`,
      entityType: 'accountabilityCase',
      entityId: caseId,
      unitId,
      payload: { from, to, ...(payload as object) },
    });
  }

  private async find(id: string): Promise<CaseRow> {
    const found = await this.cases.find(id);
    if (!found) throw DomainError.notFound('case', id);
    return found;
  }

  private async editable(
    caller: Caller,
    id: string,
    statuses: CaseStatus[] = ['intake', 'investigating'],
  ): Promise<CaseRow> {
    const found = await this.find(id);
    assertRuns(caller, found.unitPath, `the case's unit ${found.unitName}`);
    if (!statuses.includes(found.status))
      throw new DomainError(
        ErrorCode.Conflict,
        `the case is ${found.status} (${CASE_STATUS_LABELS[found.status]}): this change is made while it is ${statuses.join(' or ')}`,
        [{ field: 'status', rule: 'editable', message: `case is ${found.status}` }],
      );
    return found;
  }

  private async investigation(found: CaseRow, investigationId: string): Promise<InvestigationRow> {
    const inv = (await this.cases.detail(found)).investigations.find((i) => i.id === investigationId);
    if (!inv) throw DomainError.notFound('investigation', investigationId);
    return inv;
  }

  private postOn(chain: ResponsibilityChainView | null, personId: string): string | null {
    if (!chain) return null;
    const posts = [
      chain.first,
      ...chain.dual.supervisors,
      ...chain.dual.teamMembers,
      chain.supervisory?.secretary,
    ];
    return posts.find((p) => p?.personId === personId)?.title ?? null;
  }
}

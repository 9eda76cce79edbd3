import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '@dutychain/auth';
import {
  assertReferenceRun,
  assertRuns,
  assertSees,
  AuditLog,
  canRun,
  subtreePattern,
  visiblePathCondition,
} from '@dutychain/auth';
import { assertWorkflowInput, DomainError, ErrorCode } from '@dutychain/http';
import { OrgDirectoryClient, ancestorsOf } from '@dutychain/service-kit';
import type { CopyNoticeInput, NoticeAddressee, ReplyReceipt, ReviewResult } from '@dutychain/temporal';
import {
  copyNoticeInputProblems,
  copyNoticeWorkflowId,
  describeInputProblems,
  reviewReplyUpdate,
  submitReplyUpdate,
  withdrawNoticeUpdate,
} from '@dutychain/temporal';
import type { DayCompression } from '@dutychain/working-days';
import { dayCompressionProblem } from '@dutychain/working-days';
import { AccountabilityConfig } from '../accountability.config';
import { todayIn } from '../common/today';
import type { IssueNoticeDto, ListNoticesQueryDto, OverdueMarksQueryDto } from './notice.dto';
import { NoticeLoopClient } from './notice-loop.client';
import type { AddresseeRow, NoticeRow, ReplyRow, StepRow } from './notice.repository';
import { NoticeRepository } from './notice.repository';

export interface NoticeView extends NoticeRow {
  addressees: AddresseeRow[];
}

/** What POST /notices/{id}/loop did: started a loop that never started, restarted one that ended, or found it running. */
export interface NoticeLoopView extends NoticeView {
  loop: 'started' | 'restarted' | 'running';
}

/** The request's field for each field of the loop's input that a caller chooses. */
const NOTICE_INPUT_FIELDS = {
  'compression.dayLastsMs': 'dayLastsMs',
  replyWorkingDays: 'replyWorkingDays',
  addressees: 'unitId',
};

export interface NoticeDetail extends NoticeView {
  replies: ReplyRow[];
  steps: StepRow[];
}

/** Copy-notify and reply: issuing, replying, reviewing and reading notices, within the caller's scope. */
@Injectable()
export class NoticesService {
  private readonly logger = new Logger('Notices');

  constructor(
    private readonly dataSource: DataSource,
    private readonly notices: NoticeRepository,
    private readonly org: OrgDirectoryClient,
    private readonly loop: NoticeLoopClient,
    private readonly audit: AuditLog,
    private readonly config: AccountabilityConfig,
  ) {}

  async issue(caller: Caller, dto: IssueNoticeDto): Promise<NoticeView> {
    const unit = await this.org.unit(dto.unitId);
    assertRuns(caller, unit.path, `${unit.name}`);
    const issuingId =
      dto.issuingUnitId ?? (caller.unitPath === '/' ? (unit.leadingOrgId ?? unit.id) : caller.unitId);
    const issuing = issuingId === unit.id ? unit : await this.org.unit(issuingId, 'issuingUnitId');
    // A reference: one out of sight is a neutral 403 naming issuingUnitId.
    assertReferenceRun(caller, 'issuingUnitId', [issuing.path], `the issuing unit ${issuing.name}`);
    if (!unit.path.startsWith(issuing.path))
      throw DomainError.invalid(
        'issuingUnitId',
        'covers',
        `${issuing.name}'s commission does not cover ${unit.name}: the notice's unit must lie under the issuing unit`,
      );
    const compression =
      dto.dayLastsMs !== undefined
        ? { dayLastsMs: dto.dayLastsMs, calendarStart: this.config.defaultCompression?.calendarStart ?? null }
        : this.config.defaultCompression;
    // Addressees as the directory stands on the notice's calendar day (today, unless a demo plays another day).
    const issueDay = compression?.calendarStart ? Date.parse(compression.calendarStart) : Date.now();
    const chain = await this.org.chainOn(
      unit.id,
      todayIn(this.config.workingDays.utcOffsetMinutes, issueDay),
    );
    const addressees: NoticeAddressee[] = [];
    if (chain.first)
      addressees.push({
        personId: chain.first.personId,
        name: chain.first.personName,
        role: 'secretary',
        title: chain.first.title,
      });
    for (const s of chain.dual.supervisors) {
      if (addressees.some((a) => a.personId === s.personId)) continue;
      addressees.push({ personId: s.personId, name: s.personName, role: 'supervisor', title: s.title });
    }
    if (addressees.length === 0)
      throw DomainError.rule(
        'notice.addressees',
        `${unit.name} has no secretary and no supervising member in post today: nobody to copy the notice to`,
        'unitId',
      );
    const id = randomUUID();
    const workflowId = copyNoticeWorkflowId(id);
    const row = {
      id,
      unitId: unit.id,
      unitName: unit.name,
      unitPath: unit.path,
      issuingUnitId: issuing.id,
      issuingUnitName: issuing.name,
      issuingUnitPath: issuing.path,
      escalationUnitId: issuing.leadingOrgId,
      source: dto.source,
      sourceRef: dto.sourceRef ?? null,
      title: dto.title,
      body: dto.body,
      replyWorkingDays: dto.replyWorkingDays ?? this.config.replyWorkingDays,
      workflowId,
      issuedBy: caller.id,
      issuedByName: caller.name,
    };
    const input: CopyNoticeInput = {
      noticeId: id,
      unitId: unit.id,
      unitName: unit.name,
      ancestors: ancestorsOf(unit),
      issuingUnitId: issuing.id,
      issuerAncestors: ancestorsOf(issuing),
      escalationUnitId: issuing.leadingOrgId,
      source: dto.source,
      title: dto.title,
      addressees,
      replyWorkingDays: row.replyWorkingDays,
      remindWorkingDaysBefore: Math.min(this.config.remindWorkingDaysBefore, row.replyWorkingDays),
      workingDays: this.config.workingDays,
      compression,
      activityTaskQueue: this.config.taskQueue,
    };
    // The loop's own rule, before anything is stored: a notice never reads `open` over a loop that
    // failed on its input.
    assertWorkflowInput(copyNoticeInputProblems(input), NOTICE_INPUT_FIELDS);
    await this.dataSource.transaction(async (manager) => {
      await this.notices.insert(
        manager,
        row,
        addressees.map((a) => ({ ...a, title: a.title ?? null })),
      );
      await this.audit.record(manager, caller, {
        action: 'notice.issue',
        entityType: 'notice',
        entityId: id,
        unitId: unit.id,
        payload: { ...row, addressees },
      });
    });
    try {
      await this.loop.start(input);
    } catch (error) {
      this.logger.error({ msg: 'copy-notice loop did not start', noticeId: id, error: String(error) });
      throw new DomainError(
        ErrorCode.Unavailable,
        `notice ${id} is stored but its reply loop did not start (Temporal unreachable); POST /notices/${id}/loop starts it`,
      );
    }
    return this.view(id);
  }

  /**
   * Ops: starts the loop of a stored notice whose start failed, or starts it again when its last run
   * ended without completing (failed, cancelled, terminated, timed out) before it recorded a step;
   * harmless when it runs. Anything else is a 409 saying why the loop is not started.
   */
  async ensureLoop(caller: Caller, id: string): Promise<NoticeLoopView> {
    const notice = await this.visible(caller, id);
    assertRuns(caller, notice.unitPath, notice.unitName);
    if (notice.status !== 'open')
      throw DomainError.conflict(
        'status',
        'loop.noticeOpen',
        `the notice is ${notice.status}: its loop ended with it and is not started again`,
      );
    const status = await this.loop.status(notice.workflowId);
    if (status === 'RUNNING') return { ...(await this.view(id)), loop: 'running' };
    if (status !== undefined) {
      if (status === 'COMPLETED' || status === 'CONTINUED_AS_NEW')
        throw DomainError.conflict(
          'loop',
          'loop.completed',
          `the loop of this notice ${status.toLowerCase()}: it is not started again`,
        );
      const steps = await this.notices.steps(id);
      if (steps.length > 0)
        throw DomainError.conflict(
          'loop',
          'loop.hasSteps',
          `the loop ended (${status}) after recording ${steps.length} step(s): starting it again would issue the notice twice; withdraw it and issue a new notice`,
        );
    }
    const recorded = status === undefined ? undefined : await this.loop.recordedInput(notice.workflowId);
    const input = await this.loopInput(notice, this.restartCompression(recorded?.compression));
    const problems = copyNoticeInputProblems(input);
    if (problems.length > 0)
      throw DomainError.conflict(
        'loop',
        'loop.inputInvalid',
        `the stored notice does not make a loop that can run: ${describeInputProblems(problems)}`,
      );
    if (status === undefined) {
      await this.loop.start(input);
      return { ...(await this.view(id)), loop: 'started' };
    }
    if (!(await this.loop.restart(input)))
      throw DomainError.conflict(
        'loop',
        'loop.notRestartable',
        'Temporal refused to run the loop again under its id (its last run completed, or another start came first)',
      );
    return { ...(await this.view(id)), loop: 'restarted' };
  }

  /** The loop's input for a stored notice, its addressees and the days' compression. */
  private async loopInput(notice: NoticeRow, compression: DayCompression | null): Promise<CopyNoticeInput> {
    const [unit, issuing] = await Promise.all([
      this.org.unit(notice.unitId),
      this.org.unit(notice.issuingUnitId),
    ]);
    const addressees = await this.notices.addressees([notice.id]);
    return {
      noticeId: notice.id,
      unitId: unit.id,
      unitName: unit.name,
      ancestors: ancestorsOf(unit),
      issuingUnitId: issuing.id,
      issuerAncestors: ancestorsOf(issuing),
      escalationUnitId: notice.escalationUnitId,
      source: notice.source,
      title: notice.title,
      addressees: addressees.map((a) => ({
        personId: a.personId,
        name: a.name,
        role: a.role,
        title: a.title,
      })),
      replyWorkingDays: notice.replyWorkingDays,
      remindWorkingDaysBefore: Math.min(this.config.remindWorkingDaysBefore, notice.replyWorkingDays),
      workingDays: this.config.workingDays,
      compression,
      activityTaskQueue: this.config.taskQueue,
    };
  }

  /** The days of a restarted loop pass as in its last run, unless that compression was what broke it. */
  private restartCompression(recorded: DayCompression | null | undefined): DayCompression | null {
    if (recorded === undefined || dayCompressionProblem(recorded) !== undefined)
      return this.config.defaultCompression ?? null;
    return recorded;
  }

  async reply(caller: Caller, id: string, content: string): Promise<ReplyReceipt> {
    const notice = await this.find(id);
    const addressees = await this.notices.addressees([id]);
    if (caller.kind !== 'person' || !addressees.some((a) => a.personId === caller.id))
      throw new DomainError(
        ErrorCode.OutsideScope,
        'you are not an addressee of this notice: only its addressees reply to it',
      );
    this.requireOpen(notice);
    return this.loop.update(notice.workflowId, submitReplyUpdate, {
      replyId: randomUUID(),
      addresseeId: caller.id,
      content,
    });
  }

  async review(
    caller: Caller,
    id: string,
    replyId: string,
    decision: 'accept' | 'return',
    reasons: string | undefined,
  ): Promise<ReviewResult> {
    const notice = await this.actionable(caller, id);
    const reply = await this.notices.reply(id, replyId);
    if (!reply) throw DomainError.notFound('reply', replyId);
    return this.loop.update(notice.workflowId, reviewReplyUpdate, {
      replyId,
      addresseeId: reply.addresseeId,
      decision,
      reasons: reasons ?? null,
      reviewerId: caller.id,
      reviewerName: caller.name,
      reviewerUnitId: this.reviewerUnit(caller, notice),
    });
  }

  async withdraw(caller: Caller, id: string, reason: string): Promise<NoticeView> {
    const notice = await this.actionable(caller, id);
    await this.loop.update(notice.workflowId, withdrawNoticeUpdate, {
      reason,
      by: caller.id,
      byName: caller.name,
      byUnitId: this.reviewerUnit(caller, notice),
    });
    return this.view(id);
  }

  async list(caller: Caller, query: ListNoticesQueryDto): Promise<NoticeView[]> {
    const params: unknown[] = [];
    // Addressees see their own notices wherever their token points.
    const own = caller.kind === 'person' ? this.addresseeCondition(caller, params) : 'false';
    const clauses = query.mine
      ? [own]
      : [`(${visiblePathCondition(caller, 'n.unit_path', params)} OR ${own})`];
    if (query.subtreeOf) {
      const root = await this.org.unit(query.subtreeOf, 'subtreeOf');
      assertSees(caller, root.path);
      params.push(subtreePattern(root.path));
      clauses.push(`n.unit_path LIKE $${params.length}`);
    }
    if (query.status) {
      params.push(query.status);
      clauses.push(`n.status = $${params.length}`);
    }
    if (query.overdue !== undefined) {
      params.push(query.overdue);
      clauses.push(`n.overdue = $${params.length}`);
    }
    const rows = await this.notices.list(
      clauses.join(' AND '),
      params,
      query.limit ?? 100,
      query.offset ?? 0,
    );
    const addressees = await this.notices.addressees(rows.map((r) => r.id));
    return rows.map((row) => ({ ...row, addressees: addressees.filter((a) => a.noticeId === row.id) }));
  }

  async detail(caller: Caller, id: string): Promise<NoticeDetail> {
    await this.visible(caller, id);
    const [view, replies, steps] = await Promise.all([
      this.view(id),
      this.notices.replies(id),
      this.notices.steps(id),
    ]);
    return { ...view, replies, steps };
  }

  async overdueMarks(caller: Caller, query: OverdueMarksQueryDto): Promise<unknown[]> {
    const params: unknown[] = [];
    const clauses = [visiblePathCondition(caller, 'm.unit_path', params)];
    if (query.subtreeOf) {
      const root = await this.org.unit(query.subtreeOf, 'subtreeOf');
      assertSees(caller, root.path);
      params.push(subtreePattern(root.path));
      clauses.push(`m.unit_path LIKE $${params.length}`);
    }
    if (query.personId) {
      params.push(query.personId);
      clauses.push(`m.person_id = $${params.length}`);
    }
    if (query.year !== undefined) {
      params.push(query.year);
      clauses.push(`m.year = $${params.length}`);
    }
    return this.notices.overdueMarks(clauses.join(' AND '), params);
  }

  private addresseeCondition(caller: Caller, params: unknown[]): string {
    params.push(caller.id);
    return `EXISTS (SELECT 1 FROM accountability.notice_addressee a
                    WHERE a.notice_id = n.id AND a.person_id::text = $${params.length})`;
  }

  private async view(id: string): Promise<NoticeView> {
    const notice = await this.find(id);
    return { ...notice, addressees: await this.notices.addressees([id]) };
  }

  private async find(id: string): Promise<NoticeRow> {
    const notice = await this.notices.find(id);
    if (!notice) throw DomainError.notFound('notice', id);
    return notice;
  }

  /** The notice, if the caller sees its unit or is one of its addressees. */
  private async visible(caller: Caller, id: string): Promise<NoticeRow> {
    const notice = await this.find(id);
    if (caller.kind === 'person') {
      const addressees = await this.notices.addressees([id]);
      if (addressees.some((a) => a.personId === caller.id)) return notice;
    }
    assertSees(caller, notice.unitPath);
    return notice;
  }

  /**
   * The commission acts on a notice only within the units it covers: the caller runs the notice's
   * unit and acts for the issuing unit or one above it.
   */
  private async actionable(caller: Caller, id: string): Promise<NoticeRow> {
    const notice = await this.find(id);
    assertRuns(caller, notice.unitPath, `the notice's unit ${notice.unitName}`);
    if (!canRun(caller, notice.issuingUnitPath))
      throw new DomainError(
        ErrorCode.OutsideScope,
        `the notice was issued by ${notice.issuingUnitName}'s commission: only it, or a commission above it, decides on it`,
      );
    this.requireOpen(notice);
    return notice;
  }

  private reviewerUnit(caller: Caller, notice: NoticeRow): string {
    return caller.unitPath === '/' ? notice.issuingUnitId : caller.unitId;
  }

  private requireOpen(notice: NoticeRow): void {
    if (notice.status !== 'open')
      throw DomainError.conflict(
        'notice',
        'closed',
        `the notice is ${notice.status}: it takes no more replies or decisions`,
      );
  }
}

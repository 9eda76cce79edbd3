import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type { AddresseeRole, AddresseeStatus, NoticeSource, NoticeStatus } from '@dutychain/temporal';

export interface NoticeRow {
  id: string;
  unitId: string;
  unitName: string;
  unitPath: string;
  issuingUnitId: string;
  issuingUnitName: string;
  issuingUnitPath: string;
  escalationUnitId: string | null;
  source: NoticeSource;
  sourceRef: string | null;
  title: string;
  body: string;
  replyWorkingDays: number;
  status: NoticeStatus;
  overdue: boolean;
  workflowId: string;
  caseId: string | null;
  issuedBy: string;
  issuedByName: string;
  issuedAt: Date;
  closedAt: Date | null;
}

export interface AddresseeRow {
  noticeId: string;
  personId: string;
  name: string;
  role: AddresseeRole;
  title: string | null;
  status: AddresseeStatus;
  round: number;
  deadline: Date | null;
  dueDate: string | null;
  overdue: boolean;
  everOverdue: boolean;
}

export interface ReplyRow {
  id: string;
  noticeId: string;
  addresseeId: string;
  round: number;
  content: string;
  onTime: boolean;
  receivedAt: Date;
  decision: 'accepted' | 'returned' | null;
  reasons: string | null;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
}

export interface StepRow {
  seq: number;
  kind: string;
  addresseeId: string | null;
  round: number;
  at: Date;
  actorKind: string;
  actorId: string;
  actorName: string;
  replyId: string | null;
  reasons: string | null;
  onTime: boolean | null;
  deadline: Date | null;
  dueDate: string | null;
  caseId: string | null;
}

const NOTICE_COLUMNS = `
  id, unit_id AS "unitId", unit_name AS "unitName", unit_path AS "unitPath",
  issuing_unit_id AS "issuingUnitId", issuing_unit_name AS "issuingUnitName",
  issuing_unit_path AS "issuingUnitPath", escalation_unit_id AS "escalationUnitId", source,
  source_ref AS "sourceRef", title, body, reply_working_days AS "replyWorkingDays", status, overdue,
  workflow_id AS "workflowId", case_id AS "caseId", issued_by AS "issuedBy",
  issued_by_name AS "issuedByName", issued_at AS "issuedAt", closed_at AS "closedAt"`;

/** SQL over the notice tables of the `accountability` schema. */
@Injectable()
export class NoticeRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    notice: Omit<NoticeRow, 'status' | 'overdue' | 'caseId' | 'issuedAt' | 'closedAt'>,
    addressees: Pick<AddresseeRow, 'personId' | 'name' | 'role' | 'title'>[],
  ): Promise<void> {
    await manager.query(
      `INSERT INTO accountability.notice (id, unit_id, unit_name, unit_path, issuing_unit_id, issuing_unit_name,
         issuing_unit_path, escalation_unit_id, source, source_ref, title, body, reply_working_days, workflow_id,
         issued_by, issued_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        notice.id,
        notice.unitId,
        notice.unitName,
        notice.unitPath,
        notice.issuingUnitId,
        notice.issuingUnitName,
        notice.issuingUnitPath,
        notice.escalationUnitId,
        notice.source,
        notice.sourceRef,
        notice.title,
        notice.body,
        notice.replyWorkingDays,
        notice.workflowId,
        notice.issuedBy,
        notice.issuedByName,
      ],
    );
    for (const a of addressees) {
      await manager.query(
        `INSERT INTO accountability.notice_addressee (notice_id, person_id, name, role, title) VALUES ($1, $2, $3, $4, $5)`,
        [notice.id, a.personId, a.name, a.role, a.title],
      );
    }
  }

  async find(id: string, manager: EntityManager = this.dataSource.manager): Promise<NoticeRow | undefined> {
    const rows: NoticeRow[] = await manager.query(
      `SELECT ${NOTICE_COLUMNS} FROM accountability.notice WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  async list(where: string, params: unknown[], limit: number, offset: number): Promise<NoticeRow[]> {
    return this.dataSource.query(
      `SELECT ${NOTICE_COLUMNS} FROM accountability.notice n WHERE ${where}
       ORDER BY issued_at DESC, id LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
  }

  addressees(noticeIds: string[], manager: EntityManager = this.dataSource.manager): Promise<AddresseeRow[]> {
    return manager.query(
      `SELECT notice_id AS "noticeId", person_id AS "personId", name, role, title, status, round, deadline,
              to_char(due_date, 'YYYY-MM-DD') AS "dueDate", overdue, ever_overdue AS "everOverdue"
       FROM accountability.notice_addressee WHERE notice_id = ANY($1) ORDER BY notice_id, role = 'secretary' DESC, name`,
      [noticeIds],
    );
  }

  replies(noticeId: string): Promise<ReplyRow[]> {
    return this.dataSource.query(
      `SELECT id, notice_id AS "noticeId", addressee_id AS "addresseeId", round, content, on_time AS "onTime",
              received_at AS "receivedAt", decision, reasons, decided_by AS "decidedBy",
              decided_by_name AS "decidedByName", decided_at AS "decidedAt"
       FROM accountability.notice_reply WHERE notice_id = $1 ORDER BY received_at, id`,
      [noticeId],
    );
  }

  async reply(noticeId: string, replyId: string): Promise<ReplyRow | undefined> {
    return (await this.replies(noticeId)).find((r) => r.id === replyId);
  }

  steps(noticeId: string): Promise<StepRow[]> {
    return this.dataSource.query(
      `SELECT seq, kind, addressee_id AS "addresseeId", round, at, actor_kind AS "actorKind", actor_id AS "actorId",
              actor_name AS "actorName", reply_id AS "replyId", reasons, on_time AS "onTime", deadline,
              to_char(due_date, 'YYYY-MM-DD') AS "dueDate", case_id AS "caseId"
       FROM accountability.notice_step WHERE notice_id = $1 ORDER BY seq`,
      [noticeId],
    );
  }

  overdueMarks(where: string, params: unknown[]): Promise<unknown[]> {
    return this.dataSource.query(
      `SELECT m.notice_id AS "noticeId", m.unit_id AS "unitId", n.unit_name AS "unitName", m.person_id AS "personId",
              a.name AS "personName", m.round, to_char(m.due_date, 'YYYY-MM-DD') AS "dueDate", m.year,
              m.created_at AS "markedAt"
       FROM accountability.overdue_mark m
       JOIN accountability.notice n ON n.id = m.notice_id
       JOIN accountability.notice_addressee a ON a.notice_id = m.notice_id AND a.person_id = m.person_id
       WHERE ${where} ORDER BY m.due_date, m.key`,
      params,
    );
  }
}

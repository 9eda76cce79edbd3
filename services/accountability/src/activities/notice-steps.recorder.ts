import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { AuditLog } from '@dutychain/auth';
import type { NoticeEscalation, NoticeReminder, NoticeStepRecord } from '@dutychain/temporal';
import { workflowCaller } from '../common/system-caller';

/**
 * Stores what the copy-notice loop decided: each step once (keyed by the workflow's step key), the
 * projection both sides read (addressee status, replies, the notice's status), and an audit row in
 * the same transaction.
 */
@Injectable()
export class NoticeStepsRecorder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async record(step: NoticeStepRecord): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO accountability.notice_step (key, notice_id, seq, kind, addressee_id, round, at, actor_kind,
           actor_id, actor_name, reply_id, reasons, on_time, deadline, due_date, case_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         ON CONFLICT (key) DO NOTHING RETURNING key`,
        [
          step.key,
          step.noticeId,
          step.seq,
          step.kind,
          step.addresseeId,
          step.round,
          step.at,
          step.actor.kind,
          step.actor.id,
          step.actor.name,
          step.replyId ?? null,
          step.reasons ?? null,
          step.onTime ?? null,
          step.deadline ?? null,
          step.dueDate ?? null,
          step.caseId ?? null,
        ],
      );
      if (inserted.length === 0) return; // a retry of a step already stored
      await this.project(manager, step);
      const unit: { unitId: string }[] = await manager.query(
        `SELECT unit_id AS "unitId" FROM accountability.notice WHERE id = $1`,
        [step.noticeId],
      );
      await this.audit.record(manager, workflowCaller(step.actor), {
        action: `notice.${step.kind}`,
        entityType: 'notice',
        entityId: step.noticeId,
        unitId: unit[0]?.unitId ?? null,
        payload: {
          seq: step.seq,
          addresseeId: step.addresseeId,
          round: step.round,
          at: step.at,
          replyId: step.replyId,
          content: step.content,
          reasons: step.reasons,
          onTime: step.onTime,
          deadline: step.deadline,
          caseId: step.caseId,
        },
      });
    });
  }

  private async project(manager: EntityManager, step: NoticeStepRecord): Promise<void> {
    const q = (sql: string, params: unknown[]) => manager.query(sql, params);
    const addressee = `WHERE notice_id = $1 AND person_id = $2`;
    switch (step.kind) {
      case 'issued':
        await q(
          `UPDATE accountability.notice_addressee SET deadline = $3, due_date = $4, round = $5 ${addressee}`,
          [step.noticeId, step.addresseeId, step.deadline, step.dueDate, step.round],
        );
        return;
      case 'replied':
        await q(
          `INSERT INTO accountability.notice_reply (id, notice_id, addressee_id, round, content, on_time, received_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
          [
            step.replyId,
            step.noticeId,
            step.addresseeId,
            step.round,
            step.content ?? '',
            step.onTime ?? true,
            step.at,
          ],
        );
        await q(
          `UPDATE accountability.notice_addressee SET status = 'replied', overdue = false ${addressee}`,
          [step.noticeId, step.addresseeId],
        );
        return this.refreshOverdue(manager, step.noticeId);
      case 'accepted':
      case 'returned':
        await q(
          `UPDATE accountability.notice_reply SET decision = $3, reasons = $4, decided_by = $5, decided_by_name = $6,
             decided_at = $7 WHERE notice_id = $1 AND id = $2`,
          [
            step.noticeId,
            step.replyId,
            step.kind,
            step.reasons ?? null,
            step.actor.id,
            step.actor.name,
            step.at,
          ],
        );
        if (step.kind === 'accepted')
          await q(`UPDATE accountability.notice_addressee SET status = 'accepted' ${addressee}`, [
            step.noticeId,
            step.addresseeId,
          ]);
        else
          await q(
            `UPDATE accountability.notice_addressee SET status = 'awaitingReply', round = $3, deadline = $4, due_date = $5
             ${addressee}`,
            [step.noticeId, step.addresseeId, step.round, step.deadline, step.dueDate],
          );
        return;
      case 'overdue':
        await q(
          `UPDATE accountability.notice_addressee SET overdue = true, ever_overdue = true ${addressee}`,
          [step.noticeId, step.addresseeId],
        );
        return this.refreshOverdue(manager, step.noticeId);
      case 'escalated':
        await q(`UPDATE accountability.notice SET case_id = $2 WHERE id = $1`, [step.noticeId, step.caseId]);
        return;
      case 'withdrawn':
      case 'completed':
        await q(`UPDATE accountability.notice_addressee SET overdue = false WHERE notice_id = $1`, [
          step.noticeId,
        ]);
        await q(
          `UPDATE accountability.notice SET status = $2, overdue = false, closed_at = $3 WHERE id = $1`,
          [step.noticeId, step.kind, step.at],
        );
        return;
      case 'reminded':
        return;
    }
  }

  private async refreshOverdue(manager: EntityManager, noticeId: string): Promise<void> {
    await manager.query(
      `UPDATE accountability.notice n SET overdue = EXISTS (
         SELECT 1 FROM accountability.notice_addressee a WHERE a.notice_id = n.id AND a.overdue) WHERE n.id = $1`,
      [noticeId],
    );
  }

  async remind(reminder: NoticeReminder): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO accountability.notification (key, kind, notice_id, recipient_person_id, round, deadline, due_date)
       VALUES ($1, 'reminder', $2, $3, $4, $5, $6) ON CONFLICT (key) DO NOTHING`,
      [
        reminder.key,
        reminder.noticeId,
        reminder.addresseeId,
        reminder.round,
        reminder.deadline,
        reminder.dueDate,
      ],
    );
  }

  /** The escalation to the next level's commission and the overdue mark appraisal reads. */
  async markOverdue(escalation: NoticeEscalation): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO accountability.notification (key, kind, notice_id, recipient_person_id, recipient_unit_id, round,
           deadline, due_date)
         VALUES ($1, 'escalation', $2, NULL, $3, $4, $5, $6) ON CONFLICT (key) DO NOTHING`,
        [
          escalation.key,
          escalation.noticeId,
          escalation.escalationUnitId ?? escalation.unitId,
          escalation.round,
          escalation.deadline,
          escalation.dueDate,
        ],
      );
      await manager.query(
        `INSERT INTO accountability.overdue_mark (key, notice_id, unit_id, unit_path, person_id, round, due_date, year)
         SELECT $1, n.id, n.unit_id, n.unit_path, $3, $4, $5, $6 FROM accountability.notice n WHERE n.id = $2
         ON CONFLICT (key) DO NOTHING`,
        [
          escalation.key,
          escalation.noticeId,
          escalation.addresseeId,
          escalation.round,
          escalation.dueDate,
          Number(escalation.dueDate.slice(0, 4)),
        ],
      );
    });
  }
}

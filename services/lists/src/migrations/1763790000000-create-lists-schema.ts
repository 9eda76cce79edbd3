import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createAuditLogTable, dropAuditLogTable } from '@dutychain/auth';

/**
 * The lists service's schema: committee task lists and commission supervision lists, personal
 * risk lists with their items, signatures and approvals, the notification outbox of the
 * risk-list workflow, quality findings and supervision orders, duty records with evidence, and
 * mid-year progress reports. Every row carries the unit's materialised path for subtree scope.
 */
export class CreateListsSchema1763790000000 implements MigrationInterface {
  name = 'CreateListsSchema1763790000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE lists.task_list (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        unit_id uuid NOT NULL,
        unit_path text NOT NULL,
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2999),
        title text NOT NULL,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_by text,
        published_at timestamptz,
        CONSTRAINT task_list_one_per_unit_year UNIQUE (unit_id, year)
      )`);
    await runner.query(
      `CREATE INDEX task_list_path_idx ON lists.task_list (unit_path text_pattern_ops, year)`,
    );
    await runner.query(`
      CREATE TABLE lists.task_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_list_id uuid NOT NULL REFERENCES lists.task_list (id),
        seq int NOT NULL,
        aspect text NOT NULL,
        content text NOT NULL,
        lead_department text NOT NULL,
        deadline date,
        CONSTRAINT task_item_seq_unique UNIQUE (task_list_id, seq)
      )`);
    await runner.query(`
      CREATE TABLE lists.supervision_list (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        unit_id uuid NOT NULL,
        unit_path text NOT NULL,
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2999),
        title text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT supervision_list_one_per_unit_year UNIQUE (unit_id, year)
      )`);
    await runner.query(`
      CREATE TABLE lists.supervision_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        supervision_list_id uuid NOT NULL REFERENCES lists.supervision_list (id),
        seq int NOT NULL,
        content text NOT NULL,
        method text,
        task_item_id uuid REFERENCES lists.task_item (id),
        CONSTRAINT supervision_item_seq_unique UNIQUE (supervision_list_id, seq)
      )`);
    await runner.query(`
      CREATE TABLE lists.risk_list (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        person_name text NOT NULL,
        unit_id uuid NOT NULL,
        unit_name text NOT NULL,
        unit_path text NOT NULL,
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2999),
        workflow_id text NOT NULL,
        status text NOT NULL DEFAULT 'draft'
          CHECK (status IN ('draft', 'submitted', 'returned', 'approved', 'locked')),
        round int NOT NULL DEFAULT 1,
        approver_id uuid,
        submitted_at timestamptz,
        approved_at timestamptz,
        locked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT risk_list_one_per_person_year UNIQUE (person_id, year)
      )`);
    await runner.query(
      `CREATE INDEX risk_list_path_idx ON lists.risk_list (unit_path text_pattern_ops, year)`,
    );
    await runner.query(`CREATE INDEX risk_list_approver_idx ON lists.risk_list (approver_id, status)`);
    await runner.query(`
      CREATE TABLE lists.risk_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        risk_list_id uuid NOT NULL REFERENCES lists.risk_list (id),
        seq int NOT NULL,
        source text NOT NULL CHECK (source IN ('claimed', 'own')),
        task_item_id uuid REFERENCES lists.task_item (id),
        content text NOT NULL,
        risk_points jsonb NOT NULL DEFAULT '[]',
        measures jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT risk_item_seq_unique UNIQUE (risk_list_id, seq),
        CONSTRAINT risk_item_claim_once UNIQUE (risk_list_id, task_item_id),
        CONSTRAINT risk_item_claim_has_task CHECK ((source = 'claimed') = (task_item_id IS NOT NULL))
      )`);
    await runner.query(`
      CREATE TABLE lists.signature (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        risk_list_id uuid NOT NULL REFERENCES lists.risk_list (id),
        round int NOT NULL,
        signer_id uuid NOT NULL,
        signer_name text NOT NULL,
        signed_at timestamptz NOT NULL,
        content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
        content jsonb NOT NULL,
        CONSTRAINT signature_one_per_round UNIQUE (risk_list_id, round)
      )`);
    await runner.query(`
      CREATE TABLE lists.approval (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        risk_list_id uuid NOT NULL REFERENCES lists.risk_list (id),
        round int NOT NULL,
        decision text NOT NULL CHECK (decision IN ('approve', 'return')),
        approver_id uuid NOT NULL,
        comment text,
        decided_at timestamptz NOT NULL,
        CONSTRAINT approval_one_per_round UNIQUE (risk_list_id, round)
      )`);
    await runner.query(`
      CREATE TABLE lists.notification (
        key text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('reminder', 'escalation')),
        level text NOT NULL,
        workflow_id text NOT NULL,
        risk_list_id uuid,
        person_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        year int NOT NULL,
        recipient_person_id uuid,
        recipient_unit_id uuid,
        deadline timestamptz NOT NULL,
        occurrence int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX notification_person_idx ON lists.notification (person_id, created_at)`);
    await runner.query(`
      CREATE TABLE lists.supervision_order (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        unit_id uuid NOT NULL,
        unit_path text NOT NULL,
        year int NOT NULL,
        risk_list_id uuid REFERENCES lists.risk_list (id),
        person_id uuid,
        reason text NOT NULL,
        deadline date NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        issued_by text NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        closed_by text,
        closed_at timestamptz,
        closing_note text
      )`);
    await runner.query(
      `CREATE INDEX supervision_order_path_idx ON lists.supervision_order (unit_path text_pattern_ops, status)`,
    );
    await runner.query(`
      CREATE TABLE lists.quality_finding (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        unit_id uuid NOT NULL,
        unit_path text NOT NULL,
        year int NOT NULL,
        risk_list_id uuid REFERENCES lists.risk_list (id),
        person_id uuid,
        rule text NOT NULL,
        severity text NOT NULL,
        message text NOT NULL,
        related_risk_list_id uuid,
        score double precision,
        found_at timestamptz NOT NULL DEFAULT now(),
        found_by text NOT NULL,
        order_id uuid REFERENCES lists.supervision_order (id)
      )`);
    await runner.query(
      `CREATE INDEX quality_finding_path_idx ON lists.quality_finding (unit_path text_pattern_ops, year)`,
    );
    await runner.query(`
      CREATE TABLE lists.duty_record (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        unit_path text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('talk', 'meeting', 'check', 'training')),
        occurred_on date NOT NULL,
        title text NOT NULL,
        content text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX duty_record_person_idx ON lists.duty_record (person_id, occurred_on)`);
    await runner.query(
      `CREATE INDEX duty_record_path_idx ON lists.duty_record (unit_path text_pattern_ops, occurred_on)`,
    );
    await runner.query(`
      CREATE TABLE lists.evidence (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        duty_record_id uuid NOT NULL REFERENCES lists.duty_record (id),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size bigint NOT NULL,
        mime_type text NOT NULL,
        file_name text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT evidence_once_per_record UNIQUE (duty_record_id, sha256)
      )`);
    await runner.query(`CREATE INDEX evidence_sha_idx ON lists.evidence (sha256)`);
    await runner.query(`
      CREATE TABLE lists.progress_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        risk_item_id uuid NOT NULL REFERENCES lists.risk_item (id),
        risk_list_id uuid NOT NULL REFERENCES lists.risk_list (id),
        content text NOT NULL,
        repeats_measures boolean NOT NULL DEFAULT false,
        similarity double precision,
        reported_by text NOT NULL,
        reported_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT progress_report_one_per_item UNIQUE (risk_item_id)
      )`);
    await createAuditLogTable(runner, 'lists');
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropAuditLogTable(runner, 'lists');
    for (const table of [
      'progress_report',
      'evidence',
      'duty_record',
      'quality_finding',
      'supervision_order',
      'notification',
      'approval',
      'signature',
      'risk_item',
      'risk_list',
      'supervision_item',
      'supervision_list',
      'task_item',
      'task_list',
    ]) {
      await runner.query(`DROP TABLE lists.${table}`);
    }
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createAuditLogTable, dropAuditLogTable } from '@dutychain/auth';

/**
 * The accountability service's records (压责/问责): copy notices with their addressees, steps and
 * replies, the notification outbox and overdue marks; accountability cases with investigations,
 * measures, exemptions and their events; talks; bulletins with negative lists; monthly reports.
 * Unit paths are copied onto every record, so reads are scoped without asking the org directory.
 */
export class CreateAccountabilitySchema1763800000000 implements MigrationInterface {
  name = 'CreateAccountabilitySchema1763800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE accountability.notice (
        id uuid PRIMARY KEY,
        unit_id uuid NOT NULL,
        unit_name text NOT NULL,
        unit_path text NOT NULL,
        issuing_unit_id uuid NOT NULL,
        issuing_unit_name text NOT NULL,
        issuing_unit_path text NOT NULL,
        escalation_unit_id uuid,
        source text NOT NULL CHECK (source IN ('specialCheck', 'petition', 'disciplineReview')),
        source_ref text,
        title text NOT NULL,
        body text NOT NULL,
        reply_working_days int NOT NULL CHECK (reply_working_days BETWEEN 1 AND 300),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'completed', 'withdrawn')),
        overdue boolean NOT NULL DEFAULT false,
        workflow_id text NOT NULL UNIQUE,
        case_id uuid,
        issued_by text NOT NULL,
        issued_by_name text NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz
      )`);
    await runner.query(
      `CREATE INDEX notice_unit_path_idx ON accountability.notice (unit_path text_pattern_ops, issued_at)`,
    );
    await runner.query(`
      CREATE TABLE accountability.notice_addressee (
        notice_id uuid NOT NULL REFERENCES accountability.notice (id),
        person_id uuid NOT NULL,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('secretary', 'supervisor')),
        title text,
        status text NOT NULL DEFAULT 'awaitingReply' CHECK (status IN ('awaitingReply', 'replied', 'accepted')),
        round int NOT NULL DEFAULT 1,
        deadline timestamptz,
        due_date date,
        overdue boolean NOT NULL DEFAULT false,
        ever_overdue boolean NOT NULL DEFAULT false,
        PRIMARY KEY (notice_id, person_id)
      )`);
    await runner.query(
      `CREATE INDEX notice_addressee_person_idx ON accountability.notice_addressee (person_id)`,
    );
    await runner.query(`
      CREATE TABLE accountability.notice_step (
        key text PRIMARY KEY,
        notice_id uuid NOT NULL REFERENCES accountability.notice (id),
        seq int NOT NULL,
        kind text NOT NULL,
        addressee_id uuid,
        round int NOT NULL,
        at timestamptz NOT NULL,
        actor_kind text NOT NULL,
        actor_id text NOT NULL,
        actor_name text NOT NULL,
        reply_id uuid,
        reasons text,
        on_time boolean,
        deadline timestamptz,
        due_date date,
        case_id uuid,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (notice_id, seq)
      )`);
    await runner.query(`
      CREATE TABLE accountability.notice_reply (
        id uuid PRIMARY KEY,
        notice_id uuid NOT NULL REFERENCES accountability.notice (id),
        addressee_id uuid NOT NULL,
        round int NOT NULL,
        content text NOT NULL,
        on_time boolean NOT NULL,
        received_at timestamptz NOT NULL,
        decision text CHECK (decision IN ('accepted', 'returned')),
        reasons text,
        decided_by text,
        decided_by_name text,
        decided_at timestamptz
      )`);
    await runner.query(
      `CREATE INDEX notice_reply_notice_idx ON accountability.notice_reply (notice_id, received_at)`,
    );
    await runner.query(`
      CREATE TABLE accountability.notification (
        key text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('reminder', 'escalation')),
        notice_id uuid NOT NULL REFERENCES accountability.notice (id),
        recipient_person_id uuid,
        recipient_unit_id uuid,
        round int NOT NULL,
        deadline timestamptz NOT NULL,
        due_date date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE accountability.overdue_mark (
        key text PRIMARY KEY,
        notice_id uuid NOT NULL REFERENCES accountability.notice (id),
        unit_id uuid NOT NULL,
        unit_path text NOT NULL,
        person_id uuid NOT NULL,
        round int NOT NULL,
        due_date date NOT NULL,
        year int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX overdue_mark_person_idx ON accountability.overdue_mark (person_id, year)`,
    );
    await runner.query(
      `CREATE INDEX overdue_mark_unit_idx ON accountability.overdue_mark (unit_path text_pattern_ops, year)`,
    );

    await runner.query(`
      CREATE TABLE accountability.accountability_case (
        id uuid PRIMARY KEY,
        unit_id uuid NOT NULL,
        unit_name text NOT NULL,
        unit_path text NOT NULL,
        source text NOT NULL CHECK (source IN ('overdueNotice', 'petition', 'manual')),
        source_ref text,
        source_key text UNIQUE,
        violation_date date NOT NULL,
        summary text NOT NULL,
        status text NOT NULL DEFAULT 'intake'
          CHECK (status IN ('intake', 'investigating', 'reviewing', 'approved', 'closed', 'dismissed')),
        chain jsonb,
        opened_by text NOT NULL,
        opened_by_name text NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        version int NOT NULL DEFAULT 1
      )`);
    await runner.query(
      `CREATE INDEX case_unit_path_idx ON accountability.accountability_case (unit_path text_pattern_ops, opened_at)`,
    );
    await runner.query(`
      CREATE TABLE accountability.investigation (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES accountability.accountability_case (id),
        role text NOT NULL CHECK (role IN ('violator', 'primary', 'supervisory')),
        link text NOT NULL CHECK (link IN ('violator', 'committee', 'first', 'dual', 'commission')),
        person_id uuid,
        person_name text,
        post_title text,
        unit_id uuid,
        unit_name text,
        commission_name text,
        proposed boolean NOT NULL,
        outcome text NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'responsible', 'notResponsible')),
        finding text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One row per person (or commission without a secretary, or committee) per role in a case.
    await runner.query(`
      CREATE UNIQUE INDEX investigation_once_idx ON accountability.investigation
        (case_id, role, link, coalesce(person_id::text, unit_id::text, commission_name))`);
    await runner.query(`CREATE INDEX investigation_person_idx ON accountability.investigation (person_id)`);
    await runner.query(`
      CREATE TABLE accountability.accountability_measure (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES accountability.accountability_case (id),
        investigation_id uuid REFERENCES accountability.investigation (id),
        target_kind text NOT NULL CHECK (target_kind IN ('organisation', 'person')),
        unit_id uuid,
        person_id uuid,
        target_name text NOT NULL,
        form text NOT NULL,
        note text,
        decided_by text NOT NULL,
        decided_by_name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (
          (target_kind = 'organisation' AND unit_id IS NOT NULL
            AND form IN ('selfExamination', 'bulletin', 'reorganisation'))
          OR (target_kind = 'person' AND person_id IS NOT NULL
            AND form IN ('bulletin', 'admonishment', 'organisationalMeasure', 'disciplinaryAction'))
        )
      )`);
    await runner.query(`
      CREATE TABLE accountability.exemption (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES accountability.accountability_case (id),
        investigation_id uuid NOT NULL REFERENCES accountability.investigation (id),
        kind text NOT NULL CHECK (kind IN ('exemption', 'mitigation')),
        basis text NOT NULL,
        reasons text NOT NULL,
        recorded_by text NOT NULL,
        recorded_by_name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE accountability.case_event (
        seq bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES accountability.accountability_case (id),
        kind text NOT NULL,
        from_status text,
        to_status text,
        by_id text NOT NULL,
        by_name text NOT NULL,
        note text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX case_event_case_idx ON accountability.case_event (case_id, seq)`);

    await runner.query(`
      CREATE TABLE accountability.talk (
        id uuid PRIMARY KEY,
        unit_id uuid NOT NULL,
        unit_name text NOT NULL,
        unit_path text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('reminder', 'interview', 'integrity')),
        held_by_id text NOT NULL,
        held_by_name text NOT NULL,
        with_person_id uuid NOT NULL,
        with_person_name text NOT NULL,
        held_on date NOT NULL,
        subject text NOT NULL,
        outcome text NOT NULL,
        notice_id uuid REFERENCES accountability.notice (id),
        case_id uuid REFERENCES accountability.accountability_case (id),
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX talk_unit_path_idx ON accountability.talk (unit_path text_pattern_ops, held_on)`,
    );
    await runner.query(`CREATE INDEX talk_person_idx ON accountability.talk (with_person_id)`);

    await runner.query(`
      CREATE TABLE accountability.bulletin (
        id uuid PRIMARY KEY,
        unit_id uuid NOT NULL,
        unit_name text NOT NULL,
        unit_path text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        copy_report_to jsonb,
        issued_by text NOT NULL,
        issued_by_name text NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX bulletin_unit_path_idx ON accountability.bulletin (unit_path text_pattern_ops, issued_at)`,
    );
    await runner.query(`
      CREATE TABLE accountability.negative_list_entry (
        id uuid PRIMARY KEY,
        bulletin_id uuid NOT NULL REFERENCES accountability.bulletin (id),
        position int NOT NULL,
        unit_id uuid NOT NULL,
        unit_name text NOT NULL,
        person_id uuid,
        person_name text,
        problem text NOT NULL,
        UNIQUE (bulletin_id, position)
      )`);

    await runner.query(`
      CREATE TABLE accountability.monthly_report (
        id uuid PRIMARY KEY,
        unit_id uuid NOT NULL,
        unit_name text NOT NULL,
        unit_path text NOT NULL,
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        workflow_id text NOT NULL,
        figures jsonb NOT NULL,
        typical_cases jsonb NOT NULL,
        totals jsonb NOT NULL,
        generated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (unit_id, period)
      )`);
    await createAuditLogTable(runner, 'accountability');
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropAuditLogTable(runner, 'accountability');
    for (const table of [
      'monthly_report',
      'negative_list_entry',
      'bulletin',
      'talk',
      'case_event',
      'exemption',
      'accountability_measure',
      'investigation',
      'accountability_case',
      'overdue_mark',
      'notification',
      'notice_reply',
      'notice_step',
      'notice_addressee',
      'notice',
    ])
      await runner.query(`DROP TABLE accountability.${table}`);
  }
}

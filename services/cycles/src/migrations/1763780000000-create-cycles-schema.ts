import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createAuditLogTable, dropAuditLogTable } from '@dutychain/auth';

/** The cycles service's own records: phase changes and the notification outbox. */
export class CreateCyclesSchema1763780000000 implements MigrationInterface {
  name = 'CreateCyclesSchema1763780000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE cycles.phase_change (
        key text PRIMARY KEY,
        workflow_id text NOT NULL,
        unit_id uuid NOT NULL,
        year int NOT NULL,
        from_phase text,
        to_phase text NOT NULL,
        at timestamptz NOT NULL,
        by text,
        reason text NOT NULL
      )`);
    await runner.query(`CREATE INDEX phase_change_cycle_idx ON cycles.phase_change (unit_id, year, at)`);
    await runner.query(`
      CREATE TABLE cycles.notification (
        key text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('reminder', 'escalation')),
        workflow_id text NOT NULL,
        unit_id uuid NOT NULL,
        year int NOT NULL,
        phase text NOT NULL,
        recipient_unit_id uuid NOT NULL,
        level text NOT NULL,
        deadline timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX notification_recipient_idx ON cycles.notification (recipient_unit_id, created_at)`,
    );
    await createAuditLogTable(runner, 'cycles');
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropAuditLogTable(runner, 'cycles');
    await runner.query(`DROP TABLE cycles.notification`);
    await runner.query(`DROP TABLE cycles.phase_change`);
  }
}

import type { QueryRunner } from 'typeorm';

/**
 * The audit table and the trigger that makes it append-only. Each service's first migration calls
 * this for its own schema.
 */
export async function createAuditLogTable(runner: QueryRunner, schema: string): Promise<void> {
  await runner.query(`
    CREATE TABLE "${schema}".audit_log (
      seq bigserial PRIMARY KEY,
      at timestamptz NOT NULL,
      actor_kind text NOT NULL,
      actor_id text NOT NULL,
      actor_name text NOT NULL,
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id text NOT NULL,
      unit_id uuid,
      payload jsonb NOT NULL,
      prev_hash text NOT NULL,
      hash text NOT NULL
    )`);
  await runner.query(`CREATE INDEX audit_log_unit_idx ON "${schema}".audit_log (unit_id, seq)`);
  await runner.query(`
    CREATE FUNCTION "${schema}".audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
    END $$`);
  await runner.query(`
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "${schema}".audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION "${schema}".audit_log_append_only()`);
}

export async function dropAuditLogTable(runner: QueryRunner, schema: string): Promise<void> {
  await runner.query(`DROP TABLE "${schema}".audit_log`);
  await runner.query(`DROP FUNCTION "${schema}".audit_log_append_only()`);
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createAuditLogTable, dropAuditLogTable } from '@dutychain/auth';
import {
  COMMISSION_KINDS,
  GENDERS,
  ORG_LEVELS,
  ORG_UNIT_TYPES,
  PARTY_ORG_TYPES,
  POST_KINDS,
} from '@dutychain/domain';

const oneOf = (values: readonly string[]): string => values.map((value) => `'${value}'`).join(', ');

/** The org directory: the tree, its commissions, people, posts, 分管, oversight pairs, keys, imports. */
export class CreateOrgDirectory1763770000000 implements MigrationInterface {
  name = 'CreateOrgDirectory1763770000000';

  async up(runner: QueryRunner): Promise<void> {
    // btree_gist lets one exclusion constraint mix "same unit" (=) with "overlapping dates" (&&).
    await runner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public`);
    await runner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`);

    await runner.query(`
      CREATE TABLE org.org_unit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        name text NOT NULL,
        level text NOT NULL CONSTRAINT org_unit_level_check CHECK (level IN (${oneOf(ORG_LEVELS)})),
        type text NOT NULL CONSTRAINT org_unit_type_check CHECK (type IN (${oneOf(ORG_UNIT_TYPES)})),
        party_org_type text NOT NULL
          CONSTRAINT org_unit_party_org_type_check CHECK (party_org_type IN (${oneOf(PARTY_ORG_TYPES)})),
        leading_org_id uuid REFERENCES org.org_unit (id),
        guiding_org_id uuid REFERENCES org.org_unit (id),
        commission_id uuid,
        path text NOT NULL,
        depth int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT org_unit_code_key UNIQUE (code),
        CONSTRAINT org_unit_guiding_not_self CHECK (guiding_org_id IS DISTINCT FROM id)
      )`);
    await runner.query(`CREATE INDEX org_unit_path_idx ON org.org_unit (path text_pattern_ops)`);
    await runner.query(`CREATE INDEX org_unit_leading_idx ON org.org_unit (leading_org_id)`);
    await runner.query(
      `CREATE INDEX org_unit_guiding_idx ON org.org_unit (guiding_org_id) WHERE guiding_org_id IS NOT NULL`,
    );
    await runner.query(`CREATE INDEX org_unit_name_trgm_idx ON org.org_unit USING gin (name gin_trgm_ops)`);

    await runner.query(`
      CREATE TABLE org.commission (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL CONSTRAINT commission_code_key UNIQUE,
        name text NOT NULL,
        kind text NOT NULL CONSTRAINT commission_kind_check CHECK (kind IN (${oneOf(COMMISSION_KINDS)})),
        host_unit_id uuid NOT NULL REFERENCES org.org_unit (id)
      )`);
    await runner.query(`
      ALTER TABLE org.org_unit ADD CONSTRAINT org_unit_commission_fk
        FOREIGN KEY (commission_id) REFERENCES org.commission (id) DEFERRABLE INITIALLY DEFERRED`);

    await runner.query(`
      CREATE TABLE org.person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL CONSTRAINT person_code_key UNIQUE,
        name text NOT NULL,
        gender text CONSTRAINT person_gender_check CHECK (gender IN (${oneOf(GENDERS)}))
      )`);
    await runner.query(`CREATE INDEX person_name_trgm_idx ON org.person USING gin (name gin_trgm_ops)`);

    await runner.query(`
      CREATE TABLE org.post (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES org.person (id),
        unit_id uuid NOT NULL REFERENCES org.org_unit (id),
        kind text NOT NULL CONSTRAINT post_kind_check CHECK (kind IN (${oneOf(POST_KINDS)})),
        title text NOT NULL,
        start_date date NOT NULL,
        end_date date,
        CONSTRAINT post_dates_ordered CHECK (end_date IS NULL OR end_date >= start_date),
        CONSTRAINT post_one_secretary_at_a_time EXCLUDE USING gist
          (unit_id WITH =, daterange(start_date, end_date, '[]') WITH &&) WHERE (kind = 'secretary'),
        CONSTRAINT post_one_commission_secretary_at_a_time EXCLUDE USING gist
          (unit_id WITH =, daterange(start_date, end_date, '[]') WITH &&) WHERE (kind = 'commissionSecretary'),
        CONSTRAINT post_one_seat_per_person_per_team EXCLUDE USING gist
          (person_id WITH =, unit_id WITH =, daterange(start_date, end_date, '[]') WITH &&)
      )`);
    await runner.query(`CREATE INDEX post_unit_idx ON org.post (unit_id, kind)`);
    await runner.query(`CREATE INDEX post_person_idx ON org.post (person_id, start_date)`);

    await runner.query(`
      CREATE TABLE org.supervision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES org.person (id),
        unit_id uuid NOT NULL REFERENCES org.org_unit (id),
        supervised_unit_id uuid NOT NULL REFERENCES org.org_unit (id),
        area text NOT NULL DEFAULT '',
        start_date date NOT NULL,
        end_date date,
        CONSTRAINT supervision_dates_ordered CHECK (end_date IS NULL OR end_date >= start_date)
      )`);
    await runner.query(`CREATE INDEX supervision_supervised_idx ON org.supervision (supervised_unit_id)`);
    await runner.query(`CREATE INDEX supervision_person_idx ON org.supervision (person_id)`);

    await runner.query(`
      CREATE TABLE org.oversight_pair (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        overseer_id uuid NOT NULL REFERENCES org.person (id),
        head_id uuid NOT NULL REFERENCES org.person (id),
        start_date date NOT NULL,
        end_date date,
        CONSTRAINT oversight_pair_not_self CHECK (overseer_id <> head_id),
        CONSTRAINT oversight_pair_dates_ordered CHECK (end_date IS NULL OR end_date >= start_date)
      )`);
    await runner.query(`CREATE INDEX oversight_pair_head_idx ON org.oversight_pair (head_id)`);
    await runner.query(`CREATE INDEX oversight_pair_overseer_idx ON org.oversight_pair (overseer_id)`);

    await runner.query(`
      CREATE TABLE org.api_key (
        id text PRIMARY KEY,
        name text NOT NULL,
        key_hash text NOT NULL,
        roles text[] NOT NULL,
        unit_id uuid NOT NULL REFERENCES org.org_unit (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);

    await runner.query(`
      CREATE TABLE org.import_job (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        status text NOT NULL,
        source text NOT NULL,
        file_name text,
        total_rows int NOT NULL DEFAULT 0,
        processed_rows int NOT NULL DEFAULT 0,
        problems jsonb NOT NULL DEFAULT '[]'::jsonb,
        summary jsonb,
        created_by text NOT NULL,
        scope_unit_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);

    await createAuditLogTable(runner, 'org');
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropAuditLogTable(runner, 'org');
    for (const table of ['import_job', 'api_key', 'oversight_pair', 'supervision', 'post', 'person']) {
      await runner.query(`DROP TABLE org.${table}`);
    }
    await runner.query(`ALTER TABLE org.org_unit DROP CONSTRAINT org_unit_commission_fk`);
    await runner.query(`DROP TABLE org.commission`);
    await runner.query(`DROP TABLE org.org_unit`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The same overseer and head form one pair at a time: a second pair over overlapping dates is a
 * copy (created twice by a retried request), refused from now on by an exclusion constraint.
 * Copies already stored, pairs whose dates another pair of the same two people covers, are removed
 * first; the earliest created of identical copies stays.
 */
export class OversightPairOnce1795000000000 implements MigrationInterface {
  name = 'OversightPairOnce1795000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      DELETE FROM org.oversight_pair copy
       USING org.oversight_pair kept
       WHERE kept.id <> copy.id
         AND kept.overseer_id = copy.overseer_id
         AND kept.head_id = copy.head_id
         AND daterange(kept.start_date, kept.end_date, '[]') @> daterange(copy.start_date, copy.end_date, '[]')
         AND (daterange(kept.start_date, kept.end_date, '[]') <> daterange(copy.start_date, copy.end_date, '[]')
              OR kept.id < copy.id)`);
    await runner.query(`
      ALTER TABLE org.oversight_pair ADD CONSTRAINT oversight_pair_once_at_a_time EXCLUDE USING gist
        (overseer_id WITH =, head_id WITH =, daterange(start_date, end_date, '[]') WITH &&)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE org.oversight_pair DROP CONSTRAINT oversight_pair_once_at_a_time`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every person belongs to the unit that registered them (登记单位), so registering someone is a
 * write inside the caller's subtree and a person without posts yet is visible to that subtree.
 * People already stored are given the unit of their earliest post.
 */
export class PersonRegisteringUnit1790000000000 implements MigrationInterface {
  name = 'PersonRegisteringUnit1790000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE org.person ADD COLUMN registered_unit_id uuid REFERENCES org.org_unit (id)`,
    );
    await runner.query(`
      UPDATE org.person person
         SET registered_unit_id = earliest.unit_id
        FROM (SELECT DISTINCT ON (person_id) person_id, unit_id
                FROM org.post ORDER BY person_id, start_date, id) earliest
       WHERE earliest.person_id = person.id`);
    await runner.query(`CREATE INDEX person_registered_unit_idx ON org.person (registered_unit_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX org.person_registered_unit_idx`);
    await runner.query(`ALTER TABLE org.person DROP COLUMN registered_unit_id`);
  }
}

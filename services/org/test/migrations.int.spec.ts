import { createServiceDataSource, migrateWithLock } from '@dutychain/persistence';
import type { TestDatabase } from '@dutychain/testing';
import { createTestDatabase } from '@dutychain/testing';
import { ORG_ENTITIES, ORG_MIGRATIONS, ORG_SCHEMA } from '../src/org-entities';

/** Migrations run over data written by the versions before them, not only over an empty schema. */
describe('org migrations (real Postgres)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('org_migrations');
  });
  afterAll(async () => database.drop());

  const dataSource = (migrations: typeof ORG_MIGRATIONS) =>
    createServiceDataSource({ url: database.url, schema: ORG_SCHEMA, entities: ORG_ENTITIES, migrations });

  it('registers people already stored at the unit of their earliest post', async () => {
    const first = dataSource(ORG_MIGRATIONS.slice(0, 1));
    await first.initialize();
    await migrateWithLock(first, ORG_SCHEMA);
    const [district] = await first.query(
      `INSERT INTO org.org_unit (code, name, level, type, party_org_type, path, depth)
       VALUES ('YX', '云溪区', 'district', 'region', 'committee', '/', 0) RETURNING id`,
    );
    const [town] = await first.query(
      `INSERT INTO org.org_unit (code, name, level, type, party_org_type, leading_org_id, path, depth)
       VALUES ('YX-T01', '青石镇', 'town', 'town', 'committee', $1, '/', 1) RETURNING id`,
      [district.id],
    );
    const [moved] = await first.query(
      `INSERT INTO org.person (code, name) VALUES ('P1', '林晓红') RETURNING id`,
    );
    await first.query(`INSERT INTO org.person (code, name) VALUES ('P2', '宋刚')`);
    await first.query(
      `INSERT INTO org.post (person_id, unit_id, kind, title, start_date, end_date)
       VALUES ($1, $2, 'member', '区委常委', '2023-01-01', NULL), ($1, $3, 'secretary', '镇党委书记', '2019-05-01', '2022-12-31')`,
      [moved.id, district.id, town.id],
    );
    await first.destroy();

    const all = dataSource(ORG_MIGRATIONS.slice(0, 2));
    await all.initialize();
    try {
      expect(await migrateWithLock(all, ORG_SCHEMA)).toEqual(['PersonRegisteringUnit1790000000000']);
      const people = await all.query(
        `SELECT code, registered_unit_id AS "unitId" FROM org.person ORDER BY code`,
      );
      expect(people).toEqual([
        { code: 'P1', unitId: town.id },
        { code: 'P2', unitId: null },
      ]);
    } finally {
      await all.destroy();
    }
  });

  it('keeps one of the oversight pairs stored twice, then refuses a copy', async () => {
    const before = dataSource(ORG_MIGRATIONS.slice(0, 2));
    await before.initialize();
    await migrateWithLock(before, ORG_SCHEMA);
    const [overseer] = await before.query(
      `INSERT INTO org.person (code, name) VALUES ('P3', '郑文博') RETURNING id`,
    );
    const [head] = await before.query(
      `INSERT INTO org.person (code, name) VALUES ('P4', '何丽萍') RETURNING id`,
    );
    await before.query(
      `INSERT INTO org.oversight_pair (overseer_id, head_id, start_date, end_date)
       VALUES ($1, $2, '2024-01-01', NULL), ($1, $2, '2024-01-01', NULL), ($1, $2, '2024-03-01', '2024-06-30'),
              ($2, $1, '2024-01-01', NULL)`,
      [overseer.id, head.id],
    );
    await before.destroy();

    const all = dataSource(ORG_MIGRATIONS);
    await all.initialize();
    try {
      expect(await migrateWithLock(all, ORG_SCHEMA)).toEqual(['OversightPairOnce1795000000000']);
      const pairs = await all.query(
        `SELECT overseer_id = $1 AS forward, to_char(start_date, 'YYYY-MM-DD') AS start FROM org.oversight_pair ORDER BY 1, 2`,
        [overseer.id],
      );
      expect(pairs).toEqual([
        { forward: false, start: '2024-01-01' },
        { forward: true, start: '2024-01-01' },
      ]);
      await expect(
        all.query(
          `INSERT INTO org.oversight_pair (overseer_id, head_id, start_date) VALUES ($1, $2, '2025-01-01')`,
          [overseer.id, head.id],
        ),
      ).rejects.toThrow('oversight_pair_once_at_a_time');
    } finally {
      await all.destroy();
    }
  });
});

import { Client } from 'pg';
import { startOrgDirectory } from './org-directory';
import { SMALL_CITY } from './small-city.fixture';
import { DEFAULT_TEST_DATABASE_URL } from './test-database';

/** This process's databases made with `prefix` (see createTestDatabase's names). */
async function databasesNamed(prefix: string): Promise<string[]> {
  const client = new Client({ connectionString: DEFAULT_TEST_DATABASE_URL });
  await client.connect();
  try {
    const rows = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`dutychain_${prefix}_${process.pid}_%`],
    );
    return rows.rows.map((row) => row.datname);
  } finally {
    await client.end();
  }
}

/** The real org service as a suite's directory: started, filled, asked, and cleaned up. */
describe('startOrgDirectory (real org process, real Postgres)', () => {
  it('imports SMALL_CITY, resolves ids by code, issues tokens org accepts, and cleans up on close', async () => {
    const org = await startOrgDirectory({ prefix: 'orgdir' });
    try {
      expect(Object.keys(org.units).sort()).toEqual(SMALL_CITY.units.map((u) => u.code).sort());
      expect(org.people['P-NEW']).toMatch(/^[0-9a-f-]{36}$/);
      expect(org.people['P-X1']).toMatch(/^[0-9a-f-]{36}$/);

      const dc = await org.call('GET', `/org-units/${org.units.DC}`);
      expect(dc).toMatchObject({ status: 200, body: { code: 'DC', name: '东城区' } });

      const headers = await org.token('P-NEW', 'DC', ['leader']);
      const seen = await org.call('GET', `/org-units/${org.units.DC}`, undefined, headers);
      expect(seen.status).toBe(200);
      const other = await org.call('GET', `/org-units/${org.units.XC}`, undefined, headers);
      expect(other.status).toBeGreaterThanOrEqual(400);

      await expect(org.token('P-NOBODY', 'DC', ['leader'])).rejects.toThrow(/no person P-NOBODY/);
    } finally {
      await org.close();
    }
    expect(await databasesNamed('orgdir')).toEqual([]);
    await expect(fetch(`${org.url}/health/ready`)).rejects.toThrow();
    await org.close(); // closing twice is harmless
  });

  it('fails loudly when the import does not succeed, and drops its database', async () => {
    const broken = {
      units: [{ code: 'ORPHAN', name: '孤儿单位', level: 'town', type: 'town', parentCode: 'NOWHERE' }],
      people: [],
    };
    await expect(startOrgDirectory({ prefix: 'orgdirbad', document: broken })).rejects.toThrow(
      /org import failed/,
    );
    expect(await databasesNamed('orgdirbad')).toEqual([]);
  });

  it('fails with a clear message when org does not answer within the request deadline', async () => {
    await expect(startOrgDirectory({ prefix: 'orgdirslow', requestTimeoutMs: 1 })).rejects.toThrow(
      /org POST \/imports\?wait=true: no answer within 1 ms/,
    );
    expect(await databasesNamed('orgdirslow')).toEqual([]);
  });
});

import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The local stack's database; tests create and drop their own databases next to it. */
export const DEFAULT_TEST_DATABASE_URL =
  process.env.DATABASE_URL ?? 'postgres://dutychain:dutychain@127.0.0.1:55432/dutychain';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, empty database per test suite; the service's own migrations then run in it for real. */
export async function createTestDatabase(prefix = 'test'): Promise<TestDatabase> {
  const name = `dutychain_${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: DEFAULT_TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" ENCODING 'UTF8'`);
  } finally {
    await admin.end();
  }
  const url = new URL(DEFAULT_TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const client = new Client({ connectionString: DEFAULT_TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

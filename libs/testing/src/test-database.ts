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
    drop: () => dropDatabase(name),
  };
}

const INSUFFICIENT_PRIVILEGE = '42501';
const OBJECT_IN_USE = '55006';

/**
 * FORCE cannot terminate an autovacuum worker for a non-superuser (PostgreSQL checks the
 * worker's role and fails with 42501). A plain DROP does stop autovacuum itself, so fall back
 * to it, retrying while the database is still in use.
 */
async function dropDatabase(name: string): Promise<void> {
  const client = new Client({ connectionString: DEFAULT_TEST_DATABASE_URL });
  await client.connect();
  try {
    try {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      return;
    } catch (error) {
      if (sqlState(error) !== INSUFFICIENT_PRIVILEGE) throw error;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}"`);
        return;
      } catch (error) {
        if (sqlState(error) !== OBJECT_IN_USE || attempt >= 10) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  } finally {
    await client.end();
  }
}

function sqlState(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

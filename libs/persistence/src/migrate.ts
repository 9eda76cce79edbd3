import type { DataSource } from 'typeorm';

/** A stable 32-bit key for pg_advisory_lock, derived from the schema name. */
export function advisoryLockKey(schema: string): number {
  let hash = 0x811c9dc5;
  for (const char of `dutychain-migrations:${schema}`) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/**
 * Creates the service's schema and runs pending migrations, holding a session advisory lock so that
 * several replicas starting together migrate once, one after the other.
 */
export async function migrateWithLock(dataSource: DataSource, schema: string): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const key = advisoryLockKey(schema);
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [key]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '""')}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
    await runner.release();
  }
}

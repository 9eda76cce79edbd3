import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditLog, verifyAuditLog } from '@dutychain/auth';
import { BOOTSTRAP_CALLER } from '../src/auth/org-api-key.verifier';
import type { OrgTestApp } from './org-test-app';
import { importDocument, startOrgTestApp, unitIdByCode } from './org-test-app';
import { SMALL_CITY } from '@dutychain/testing';

const run = promisify(execFile);
const workspaceRoot = path.resolve(__dirname, '../../..');

async function verifyCommand(databaseUrl: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(
      'node',
      [
        '-r',
        '@swc-node/register',
        'libs/auth/src/cli/verify-audit-log.ts',
        '--schema',
        'org',
        '--database-url',
        databaseUrl,
      ],
      { cwd: workspaceRoot },
    );
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, output: failed.stdout };
  }
}

describe('audit log (real Postgres)', () => {
  let test: OrgTestApp;

  beforeAll(async () => {
    test = await startOrgTestApp();
    await importDocument(test, SMALL_CITY);
    const parent = await unitIdByCode(test, 'DC-T1');
    await test.http().post('/org-units').set(test.admin).send({
      code: 'DC-V9',
      name: '新建村',
      level: 'village',
      type: 'village',
      partyOrgType: 'branch',
      leadingOrgId: parent,
    });
    await test.http().patch(`/org-units/${parent}`).set(test.admin).send({ name: '柳营镇（新）' });
  });
  afterAll(async () => test.close());

  it('records who did what to which unit, in a chain that verifies', async () => {
    const client = new Client({ connectionString: test.db.url });
    await client.connect();
    const rows = await client.query('SELECT action, actor_id, entity_type FROM org.audit_log ORDER BY seq');
    await client.end();
    expect(rows.rows.map((row) => row.action)).toEqual(['import.apply', 'orgUnit.create', 'orgUnit.update']);
    expect(rows.rows.every((row) => row.actor_id === 'bootstrap')).toBe(true);
    expect(await verifyAuditLog(test.db.url, 'org')).toMatchObject({ ok: true, entries: 3 });
    const command = await verifyCommand(test.db.url);
    expect(command.code).toBe(0);
    expect(command.output).toContain('audit log org: intact, 3 entries');
  });

  it('is append-only: updates and deletes are refused by the database', async () => {
    const client = new Client({ connectionString: test.db.url });
    await client.connect();
    await expect(client.query(`UPDATE org.audit_log SET actor_name = 'x'`)).rejects.toThrow('append-only');
    await expect(client.query(`DELETE FROM org.audit_log`)).rejects.toThrow('append-only');
    await client.end();
  });

  it('detects a tampered row, and the command exits non-zero', async () => {
    const client = new Client({ connectionString: test.db.url });
    await client.connect();
    // Someone with owner rights switches the guard off and edits history.
    await client.query('ALTER TABLE org.audit_log DISABLE TRIGGER audit_log_append_only');
    await client.query(
      `UPDATE org.audit_log SET payload = '{"name":"篡改"}' WHERE action = 'orgUnit.update'`,
    );
    await client.end();
    expect(await verifyAuditLog(test.db.url, 'org')).toMatchObject({ ok: false, brokenAt: '3' });
    const command = await verifyCommand(test.db.url);
    expect(command.code).toBe(1);
    expect(command.output).toContain('BROKEN at seq 3');
  });
});

describe('audit log hashes exactly what it stores (real Postgres)', () => {
  let test: OrgTestApp;

  beforeAll(async () => {
    test = await startOrgTestApp();
    await importDocument(test, SMALL_CITY);
  });
  afterAll(async () => test.close());

  it('stays intact when every id of a write is sent in upper case', async () => {
    const town = await unitIdByCode(test, 'DC-T1');
    const district = await unitIdByCode(test, 'DC');
    const renamed = await test
      .http()
      .patch(`/org-units/${town.toUpperCase()}`)
      .set(test.admin)
      .send({ name: '柳营镇（大写）' });
    expect(renamed.status).toBe(200);
    const created = await test.http().post('/org-units').set(test.admin).send({
      code: 'DC-V7',
      name: '大写村',
      level: 'village',
      type: 'village',
      partyOrgType: 'branch',
      leadingOrgId: town.toUpperCase(),
    });
    expect(created.status).toBe(201);
    const person = await test
      .http()
      .post('/people')
      .set(test.admin)
      .send({ code: 'P-UP', name: '大写人', unitId: district.toUpperCase() });
    expect(person.status).toBe(201);
    const verdict = await verifyAuditLog(test.db.url, 'org');
    expect(verdict).toMatchObject({ ok: true, entries: 4 });
  });

  it('records an upper-case unit id as the column stores it, and the chain verifies', async () => {
    const town = await unitIdByCode(test, 'DC-T1');
    const dataSource = test.app.get(DataSource);
    await dataSource.transaction((manager) =>
      test.app.get(AuditLog).record(manager, BOOTSTRAP_CALLER, {
        action: 'test.upperCase',
        entityType: 'orgUnit',
        entityId: town,
        unitId: town.toUpperCase(),
        payload: { at: new Date('2025-01-01T00:00:00.123Z'), note: '大写' },
      }),
    );
    const rows: { unit_id: string }[] = await dataSource.query(
      `SELECT unit_id FROM org.audit_log WHERE action = 'test.upperCase'`,
    );
    expect(rows[0]?.unit_id).toBe(town);
    expect(await verifyAuditLog(test.db.url, 'org')).toMatchObject({ ok: true });
  });
});

import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { Role } from '@dutychain/domain';
import type { TestDatabase } from '@dutychain/testing';
import { createTestDatabase } from '@dutychain/testing';
import { createOrgApp } from '../src/create-org-app';
import type { ImportDocument } from '@dutychain/org-contract';
import { emptyImportDocument } from '@dutychain/org-contract';
import { ImportService } from '../src/import/import.service';
import { OrgConfig } from '../src/org.config';

export const BOOTSTRAP_KEY = 'test-bootstrap-key-0123456789abcdef0123456789';

export interface OrgTestApp {
  app: INestApplication;
  db: TestDatabase;
  config: OrgConfig;
  http: () => ReturnType<typeof request>;
  /** Headers of the bootstrap key: global admin. */
  admin: Record<string, string>;
  close(): Promise<void>;
}

/** A real org service on a fresh database of its own, migrated by the service's own start-up. */
export async function startOrgTestApp(): Promise<OrgTestApp> {
  const db = await createTestDatabase('org');
  const config = OrgConfig.fromEnv({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    DUTYCHAIN_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY,
    DATABASE_POOL_SIZE: '4',
  });
  const app = await createOrgApp(config);
  await app.init();
  return {
    app,
    db,
    config,
    http: () => request(app.getHttpServer()),
    admin: { 'x-api-key': BOOTSTRAP_KEY },
    close: async () => {
      await app.get(ImportService).drain();
      await app.close();
      await db.drop();
    },
  };
}

/** Imports a document through the API and waits for the job; fails the test if it does not succeed. */
export async function importDocument(test: OrgTestApp, document: Partial<ImportDocument>): Promise<void> {
  const response = await test
    .http()
    .post('/imports?wait=true')
    .set(test.admin)
    .send({ ...emptyImportDocument(), ...document });
  if (response.status !== 202 || response.body.status !== 'succeeded') {
    throw new Error(`import failed: ${response.status} ${JSON.stringify(response.body).slice(0, 2000)}`);
  }
}

export async function unitIdByCode(test: OrgTestApp, code: string): Promise<string> {
  return idByCode(test, 'org_unit', code);
}

export async function personIdByCode(test: OrgTestApp, code: string): Promise<string> {
  return idByCode(test, 'person', code);
}

async function idByCode(test: OrgTestApp, table: 'org_unit' | 'person', code: string): Promise<string> {
  const rows: { id: string }[] = await test.app
    .get(DataSource)
    .query(`SELECT id FROM org.${table} WHERE code = $1`, [code]);
  if (!rows[0]) throw new Error(`no ${table} with code ${code}`);
  return rows[0].id;
}

/** A bearer token for a person acting for a unit with the given roles, issued through the API. */
export async function tokenFor(
  test: OrgTestApp,
  personCode: string,
  unitCode: string,
  roles: Role[],
): Promise<Record<string, string>> {
  const response = await test
    .http()
    .post('/auth/tokens')
    .set(test.admin)
    .send({
      personId: await personIdByCode(test, personCode),
      unitId: await unitIdByCode(test, unitCode),
      roles,
    });
  if (response.status !== 201) throw new Error(`token: ${response.status} ${JSON.stringify(response.body)}`);
  return { authorization: `Bearer ${response.body.token as string}` };
}

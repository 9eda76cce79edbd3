import type { Response } from 'supertest';
import { outOfSight } from '@dutychain/testing';
import type { CyclesTestEnv } from './support/cycles-test-env';
import { startCyclesTestEnv } from './support/cycles-test-env';

/**
 * Every endpoint of the cycles API, called by 西城区 (XC)'s operator against 东城区 (DC), is refused
 * with the neutral 403 that names nothing. The first test fails when an endpoint is added without a
 * row here. No cycle needs to exist: scope is decided on the unit before anything else is read, and
 * nothing here can reach another suite's cycles (every target is 东城区 of this suite's own tree).
 */
describe('access matrix: a caller from another subtree is refused everywhere (cycles)', () => {
  let env: CyclesTestEnv;
  let outsider: Record<string, string>;
  const year = 2026;

  beforeAll(async () => {
    env = await startCyclesTestEnv();
    outsider = await env.token('P-X1', 'XC', ['ops', 'committeeStaff', 'leader']);
  }, 240_000);
  afterAll(async () => env?.close());

  const refused = (response: Response): void => {
    outOfSight(response);
    expect(JSON.stringify(response.body)).not.toMatch(/东城区|柳营镇/);
  };

  const matrix: Record<string, () => Promise<void>> = {
    'GET /health/live': async () => expect((await env.http().get('/health/live')).status).toBe(200), // public by design
    'GET /health/ready': async () => expect((await env.http().get('/health/ready')).status).toBe(200), // public by design
    'POST /cycles': async () =>
      refused(await env.http().post('/cycles').set(outsider).send({ unitId: env.units.DC, year })),
    'GET /cycles': async () =>
      refused(await env.http().get(`/cycles?subtreeOf=${env.units.DC}`).set(outsider)),
    'GET /cycles/count': async () =>
      refused(await env.http().get(`/cycles/count?subtreeOf=${env.units.DC}`).set(outsider)),
    'POST /cycles/bulk': async () =>
      refused(
        await env
          .http()
          .post('/cycles/bulk')
          .set(outsider)
          .send({ action: 'cancel', filter: { subtreeOf: env.units.DC } }),
      ),
    'GET /cycles/{unitId}/{year}': async () =>
      refused(await env.http().get(`/cycles/${env.units.DC}/${year}`).set(outsider)),
    'GET /cycles/{unitId}/{year}/history': async () =>
      refused(await env.http().get(`/cycles/${env.units.DC}/${year}/history`).set(outsider)),
    'POST /cycles/{unitId}/{year}/task-list-published': async () =>
      refused(
        await env
          .http()
          .post(`/cycles/${env.units['DC-T1']}/${year}/task-list-published`)
          .set(outsider)
          .send({ taskListId: 'TL-1', itemCount: 1 }),
      ),
    'POST /cycles/{unitId}/{year}/phase-confirmations': async () =>
      refused(
        await env
          .http()
          .post(`/cycles/${env.units['DC-T1']}/${year}/phase-confirmations`)
          .set(outsider)
          .send({ phase: 'define' }),
      ),
  };

  it('has a row for every endpoint in the OpenAPI document', async () => {
    const docs = await env.http().get('/api/docs/openapi.json');
    const endpoints = Object.entries(docs.body.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(endpoints.sort()).toEqual(Object.keys(matrix).sort());
  });

  it.each(Object.keys(matrix))('%s', async (endpoint) => {
    await matrix[endpoint]?.();
  });
});

import { DEFAULT_TEST_DATABASE_URL, TcpProxy } from '@dutychain/testing';
import type { ListsTestEnv } from './support/lists-test-env';
import { startListsTestEnv, waitFor } from './support/lists-test-env';

/**
 * Outages of what a service depends on, for real: the lists app reaches PostgreSQL and Temporal
 * through TCP proxies of this suite's own, which the test cuts (connections dropped, nothing listens
 * on the port) and restores. The shared stack keeps running for everybody else. A write during an
 * outage is a 503 with Retry-After naming the dependency, never a 500; `/health/ready` answers within
 * its timeout and says which dependency is down.
 */
describe('outages of PostgreSQL and Temporal (real servers behind cut-able proxies)', () => {
  let t: ListsTestEnv;
  let database: TcpProxy;
  let temporal: TcpProxy;
  const year = new Date().getFullYear() + 1;
  let staff: Record<string, string>;

  beforeAll(async () => {
    const pg = new URL(DEFAULT_TEST_DATABASE_URL);
    database = await TcpProxy.start({ host: pg.hostname, port: Number(pg.port || 5432) });
    const [temporalHost = '127.0.0.1', temporalPort = '7233'] = (
      process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233'
    ).split(':');
    temporal = await TcpProxy.start({ host: temporalHost, port: Number(temporalPort) });
    t = await startListsTestEnv((db) => {
      const url = new URL(db.url);
      url.port = String(database.port);
      return {
        DATABASE_URL: url.toString(),
        TEMPORAL_ADDRESS: temporal.address,
        // The activity worker would lose its own connection with Temporal: it is not what is tested here.
        LISTS_WORKER_ENABLED: 'false',
      };
    });
    staff = await t.token('P-NEW', 'DC', ['committeeStaff']);
  }, 180_000);

  afterAll(async () => {
    await database?.restore();
    await temporal?.restore();
    // The Temporal SDK retries a refused call on timers of its own until the call's deadline (a
    // readiness check's 2 s): closing the client before they have run makes one of them throw in
    // whatever suite runs next. Let them run out first.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await t?.close();
    await database?.close();
    await temporal?.close();
  });

  /** GET /health/ready, with how long it took to answer. */
  async function ready(): Promise<{ status: number; body: any; retryAfter?: string; ms: number }> {
    const started = Date.now();
    const response = await t.http().get('/health/ready');
    return {
      status: response.status,
      body: response.body,
      retryAfter: response.headers['retry-after'],
      ms: Date.now() - started,
    };
  }

  const taskList = (unitCode: string) => ({
    unitId: t.units[unitCode],
    year,
    title: '党委主体责任清单',
    items: [{ aspect: '落实主体责任', content: '每半年召开一次专题会议', leadDepartment: '党政办' }],
  });

  it('reports every dependency as up while all answer', async () => {
    const answer = await ready();
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      status: 'ok',
      checks: {
        database: { status: 'up', latencyMs: expect.any(Number) },
        temporal: { status: 'up', latencyMs: expect.any(Number) },
        orgDirectory: { status: 'up', latencyMs: expect.any(Number) },
      },
    });
  });

  it('answers 503 with Retry-After while PostgreSQL is away, and works again when it is back', async () => {
    const before = await t.http().post('/task-lists').set(staff).send(taskList('DC'));
    expect(before.status).toBe(201);

    await database.cut();
    const write = await t.http().post('/task-lists').set(staff).send(taskList('DC-T1'));
    expect({ status: write.status, retryAfter: write.headers['retry-after'], body: write.body }).toEqual({
      status: 503,
      retryAfter: '5',
      body: {
        statusCode: 503,
        code: 'UNAVAILABLE',
        message: expect.any(String),
        errors: [expect.objectContaining({ field: 'database', rule: 'available' })],
      },
    });
    const read = await t.http().get(`/risk-lists?year=${year}`).set(staff);
    expect({ status: read.status, retryAfter: read.headers['retry-after'] }).toEqual({
      status: 503,
      retryAfter: '5',
    });
    const health = await ready();
    expect(health.ms).toBeLessThan(5_000);
    expect(health).toMatchObject({
      status: 503,
      retryAfter: '5',
      body: {
        status: 'unavailable',
        code: 'UNAVAILABLE',
        errors: [expect.objectContaining({ field: 'database', rule: 'ready' })],
        checks: {
          database: { status: 'down', error: expect.any(String) },
          temporal: { status: 'up' },
          orgDirectory: { status: 'up' },
        },
      },
    });

    await database.restore();
    const after = await waitFor('the write to go through once PostgreSQL is back', async () => {
      const response = await t.http().post('/task-lists').set(staff).send(taskList('DC-T1'));
      return response.status === 201 ? response : undefined;
    });
    expect(after.body).toMatchObject({ unitId: t.units['DC-T1'], status: 'draft' });
    expect((await ready()).status).toBe(200);
  });

  it('answers 503 with Retry-After while Temporal is away; readiness says so within its timeout', async () => {
    await temporal.cut();
    const health = await ready();
    expect(health.ms).toBeLessThan(5_000);
    expect(health).toMatchObject({
      status: 503,
      retryAfter: '5',
      body: {
        status: 'unavailable',
        errors: [expect.objectContaining({ field: 'temporal', rule: 'ready' })],
        checks: {
          database: { status: 'up' },
          temporal: { status: 'down', error: expect.any(String) },
          orgDirectory: { status: 'up' },
        },
      },
    });

    const start = await t
      .http()
      .post('/risk-lists/workflows')
      .set(staff)
      .send({ unitId: t.units['DC-D1'], year });
    expect({ status: start.status, retryAfter: start.headers['retry-after'], body: start.body }).toEqual({
      status: 503,
      retryAfter: '5',
      body: {
        statusCode: 503,
        code: 'UNAVAILABLE',
        message: expect.any(String),
        errors: [expect.objectContaining({ field: 'temporal', rule: 'available' })],
      },
    });

    await temporal.restore();
    await waitFor('readiness once Temporal is back', async () => (await ready()).status === 200, 30_000);
    const started = await t
      .http()
      .post('/risk-lists/workflows')
      .set(staff)
      .send({ unitId: t.units['DC-D1'], year });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ people: 1, started: 1, failed: [] });
  }, 90_000);
});

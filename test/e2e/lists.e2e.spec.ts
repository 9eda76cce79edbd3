import { spawn } from 'node:child_process';
import { Client, Connection } from '@temporalio/client';
import type { TestDatabase } from '@dutychain/testing';
import { createTestDatabase, SMALL_CITY } from '@dutychain/testing';
import { freePortFor, ServiceProcess, workspaceRoot } from './support/service-process';

const BOOTSTRAP_KEY = 'e2e-lists-bootstrap-key-0123456789abcdef01234';
const admin = { 'x-api-key': BOOTSTRAP_KEY, 'content-type': 'application/json' };

/**
 * The define phase across real processes: org, cycles (whose worker runs the risk-list workflow
 * from the single bundle) and lists (its activity worker on its own queue), on the Temporal dev
 * server. The lists demo script plays the define phase of 东城区; publishing the committee list
 * moves the district's cycle on.
 */
describe('lists end to end (org, cycles and lists processes, Temporal dev server, Postgres)', () => {
  let db: TestDatabase;
  let org: ServiceProcess;
  let cycles: ServiceProcess;
  let lists: ServiceProcess;
  let temporal: Client;
  const year = new Date().getFullYear();
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const cyclesQueue = `cycles-e2e-lists-${tag}`;
  const units: Record<string, string> = {};

  const call = async (service: ServiceProcess, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${service.baseUrl}${path}`, {
      method,
      headers: admin,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  beforeAll(async () => {
    db = await createTestDatabase('e2e_lists');
    const ports = { org: freePortFor(11), cycles: freePortFor(12), lists: freePortFor(13) };
    const env = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_URL: db.url,
      DUTYCHAIN_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY,
      ORG_PORT: String(ports.org),
      ORG_URL: `http://127.0.0.1:${ports.org}`,
      CYCLES_PORT: String(ports.cycles),
      CYCLES_TASK_QUEUE: cyclesQueue,
      LISTS_PORT: String(ports.lists),
      LISTS_TASK_QUEUE: `lists-e2e-${tag}`,
      CYCLES_LISTS_TASK_QUEUE: `lists-e2e-${tag}`,
      LISTS_WORKFLOW_TASK_QUEUE: cyclesQueue,
      LISTS_EVIDENCE_DIR: `.data/e2e-evidence-${tag}`,
    };
    org = new ServiceProcess('services/org/src/main.ts', env, `http://127.0.0.1:${ports.org}`);
    cycles = new ServiceProcess('services/cycles/src/main.ts', env, `http://127.0.0.1:${ports.cycles}`);
    lists = new ServiceProcess('services/lists/src/main.ts', env, `http://127.0.0.1:${ports.lists}`);
    await org.start();
    expect((await call(org, 'POST', '/imports?wait=true', SMALL_CITY)).body.status).toBe('succeeded');
    for (const code of ['DC', 'XC'])
      units[code] = (await call(org, 'GET', `/org-units/by-code/${code}`)).body.id;
    await Promise.all([cycles.start(), lists.start()]);
    temporal = new Client({
      connection: await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' }),
    });
  }, 240_000);

  afterAll(async () => {
    if (temporal) {
      for await (const info of temporal.workflow.list({
        query: `TaskQueue = '${cyclesQueue}' AND ExecutionStatus = 'Running'`,
      })) {
        await temporal.workflow
          .getHandle(info.workflowId)
          .terminate('e2e done')
          .catch(() => undefined);
      }
      await temporal.connection.close();
    }
    await lists?.stop();
    await cycles?.stop();
    await org?.stop();
    await db?.drop();
  });

  it('plays the define phase of a district through the API: lists claimed, signed, returned, resubmitted, approved; copies flagged', async () => {
    // The lists first, with this test's activity queue; the cycle's define phase then finds them
    // running (it starts lists whose activities go to the default \`lists\` queue).
    const started = await call(lists, 'POST', '/risk-lists/workflows', {
      unitId: units.DC,
      year,
      includeSubtree: true,
      yearLastsMs: 3_600_000,
    });
    expect(started.body).toMatchObject({ units: 4, people: 5, started: 5, alreadyRunning: 0 });
    const cycle = await call(cycles, 'POST', '/cycles', {
      unitId: units.DC,
      year,
      includeSubtree: false,
      yearLastsMs: 600_000,
    });
    expect(cycle.status).toBe(200);

    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn('node', ['-r', '@swc-node/register', 'demo/src/lists/run-lists-demo.ts'], {
        cwd: workspaceRoot,
        env: {
          ...process.env,
          ORG_URL: org.baseUrl,
          LISTS_URL: lists.baseUrl,
          DUTYCHAIN_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY,
          DEMO_DISTRICT_CODE: 'DC',
          DEMO_YEAR: String(year),
        },
      });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.on('exit', (code) =>
        code === 0
          ? resolve(text)
          : reject(new Error(`demo exited ${code}:\n${text}\n${lists.output.slice(-3000)}`)),
      );
    });
    expect(output).toContain("lists: the 3 leaders of 东城区's own team have their risk-list workflows");
    // 东城区, its town, village and department: 5 leaders (the village has no team), all running.
    expect(output).toContain(
      'lists: 5 leaders of 4 units of 东城区 have a risk-list workflow (0 started now, 5 already running)',
    );
    expect(output).toContain(
      "东城区's committee published its task list (3 items); the cycle moved on from define",
    );
    expect(output).toMatch(
      /孙雅琴 \(区委常委、副区长\) claimed 1 committee item, added 2 own, signed round 1/,
    );
    expect(output).toContain('林晓红 returned it: 风险点请结合分管领域再细化');
    expect(output).toContain(
      'resubmitted as round 2, approved by 林晓红; history opened → submitted → returned → submitted → approved',
    );
    expect(output).toContain('approving it again is refused: 409 approve.once');
    expect(output).toMatch(
      /1 near-identical team lists \(the planted copy of 孙雅琴's list by 陈正清\), 2 supervision orders issued/,
    );

    // The other order: committee items nobody claimed (only one of the three was).
    expect(output).toContain('督办单 党委任务清单事项无人认领');

    const state = await call(cycles, 'GET', `/cycles/${units.DC}/${year}`);
    expect(state.body.phase).toBe('perform');
    const approvedLists = await call(
      lists,
      'GET',
      `/risk-lists?year=${year}&unitId=${units.DC}&status=approved`,
    );
    expect(approvedLists.body.items.map((l: any) => l.personName)).toEqual(['孙雅琴']);
    const orders = await call(lists, 'GET', `/supervision-orders?year=${year}&status=open`);
    expect(orders.body).toHaveLength(2);
  }, 180_000);
});

import { Client, Connection } from '@temporalio/client';
import { monthlyReportScheduleId } from '@dutychain/temporal';
import type { TestDatabase } from '@dutychain/testing';
import { createTestDatabase, SMALL_CITY } from '@dutychain/testing';
import { spawn } from 'node:child_process';
import { freePortFor, ServiceProcess, workspaceRoot } from './support/service-process';

const BOOTSTRAP_KEY = 'e2e-accountability-bootstrap-key-0123456789ab';

/** What the demo script prints as its last line (demo/src/accountability/accountability-demo.ts). */
interface DemoResult {
  districtId: string;
  repliedNotice: { id: string; status: string; steps: string[] };
  overdueNotice: { id: string; dueDate: string; steps: string[] };
  overdueCase: {
    violationDate: string;
    chainDate: string;
    investigations: [string, string, string][];
    directorySecretaryOnDueDate: string | null;
  };
  handover: { unitName: string; before: string | null; after: string | null } | null;
  report: { units: number; csvLines: number };
}

/** Runs the demo script as operators do, against the given services. */
function runDemo(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      'node',
      ['-r', '@swc-node/register', 'demo/src/accountability/run-accountability-demo.ts'],
      {
        cwd: workspaceRoot,
        env,
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/**
 * Issue #5's "done when", end to end: the org, cycles (workflow worker) and accountability
 * services as processes on the real dev server and Postgres; the demo story played through the APIs.
 */
describe('accountability end to end (real Temporal dev server, real Postgres)', () => {
  let db: TestDatabase;
  let org: ServiceProcess;
  let cycles: ServiceProcess;
  let accountability: ServiceProcess;
  let result: DemoResult | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('e2e_acc');
    const [orgPort, cyclesPort, accPort] = [freePortFor(11), freePortFor(12), freePortFor(13)];
    const env = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_URL: db.url,
      DUTYCHAIN_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY,
      ORG_PORT: String(orgPort),
      ORG_URL: `http://127.0.0.1:${orgPort}`,
      CYCLES_PORT: String(cyclesPort),
      CYCLES_TASK_QUEUE: `cycles-e2e-acc-${process.pid}`,
      ACCOUNTABILITY_PORT: String(accPort),
      ACCOUNTABILITY_TASK_QUEUE: `accountability-e2e-${process.pid}`,
      ACCOUNTABILITY_WORKFLOW_TASK_QUEUE: `cycles-e2e-acc-${process.pid}`,
    };
    org = new ServiceProcess('services/org/src/main.ts', env, `http://127.0.0.1:${orgPort}`);
    cycles = new ServiceProcess('services/cycles/src/main.ts', env, `http://127.0.0.1:${cyclesPort}`);
    accountability = new ServiceProcess(
      'services/accountability/src/main.ts',
      env,
      `http://127.0.0.1:${accPort}`,
    );
    await org.start();
    const imported = await fetch(`${org.baseUrl}/imports?wait=true`, {
      method: 'POST',
      headers: { 'x-api-key': BOOTSTRAP_KEY, 'content-type': 'application/json' },
      body: JSON.stringify(SMALL_CITY),
    });
    expect(((await imported.json()) as { status: string }).status).toBe('succeeded');
    await Promise.all([cycles.start(), accountability.start()]);
  }, 180_000);

  afterAll(async () => {
    const temporal = new Client({
      connection: await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' }),
    });
    if (result) {
      await temporal.schedule
        .getHandle(monthlyReportScheduleId(result.districtId))
        .delete()
        .catch(() => undefined);
      // The overdue notice stays open (its case was handled): withdraw it so no loop is left running.
      await fetch(`${accountability.baseUrl}/notices/${result.overdueNotice.id}/withdraw`, {
        method: 'POST',
        headers: { 'x-api-key': BOOTSTRAP_KEY, 'content-type': 'application/json' },
        body: JSON.stringify({ reason: '测试结束' }),
      });
    }
    await temporal.connection.close();
    await accountability?.stop();
    await cycles?.stop();
    await org?.stop();
    await db?.drop();
  });

  it('plays the story: reply loop, overdue escalation into a case with the right chain, the monthly report', async () => {
    const demo = await runDemo({
      ...process.env,
      ORG_URL: org.baseUrl,
      ACCOUNTABILITY_URL: accountability.baseUrl,
      DUTYCHAIN_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY,
      DEMO_DISTRICT_CODE: 'DC',
      DEMO_DAY_LASTS_MS: '1000',
      DEMO_RESULT_JSON: '1',
    });
    const line = demo.output.split('\n').find((l) => l.startsWith('demo-result: '));
    if (demo.code !== 0 || !line)
      throw new Error(
        `demo failed (${demo.code}):\n${demo.output.slice(-4000)}\n--- accountability ---\n${accountability.output.slice(-3000)}\n--- cycles ---\n${cycles.output.slice(-3000)}`,
      );
    result = JSON.parse(line.slice('demo-result: '.length)) as DemoResult;
    expect(demo.output).toContain('matches the directory');
    expect(result.repliedNotice.status).toBe('completed');
    expect(result.repliedNotice.steps).toEqual(
      expect.arrayContaining(['replied', 'returned', 'accepted', 'completed']),
    );
    expect(result.repliedNotice.steps.filter((s) => s === 'returned')).toHaveLength(1);
    expect(result.overdueNotice.steps).toEqual(['issued', 'reminded', 'overdue', 'escalated']);
    expect(result.overdueCase.violationDate).toBe(result.overdueNotice.dueDate);
    expect(result.overdueCase.chainDate).toBe(result.overdueNotice.dueDate);
    const first = result.overdueCase.investigations.find(([, link]) => link === 'first');
    expect(first?.[2]).toBe(result.overdueCase.directorySecretaryOnDueDate);
    expect(result.overdueCase.investigations[0]?.[0]).toBe('violator');
    expect(result.handover).toEqual({ unitName: '东城区', before: '周明远', after: '林晓红' });
    expect(result.report.units).toBeGreaterThanOrEqual(2);
    expect(result.report.csvLines).toBeGreaterThan(3);
  }, 180_000);
});

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { TestDatabase } from '@dutychain/testing';
import { createTestDatabase } from '@dutychain/testing';

const workspaceRoot = path.resolve(__dirname, '../..');
const run = promisify(execFile);
const BOOTSTRAP_KEY = 'e2e-bootstrap-key-0123456789abcdef0123456789';
const PORT = 3000 + 700 + (process.pid % 200);
const baseUrl = `http://127.0.0.1:${PORT}`;

/**
 * The org service as users run it: its own process, its own start-up migrations, the demo loader
 * over HTTP, and the audit verification command.
 */
describe('org service end to end (real process, real Postgres)', () => {
  let db: TestDatabase;
  let service: ChildProcess;
  let output = '';
  const env = (): NodeJS.ProcessEnv => ({
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: db.url,
    ORG_PORT: String(PORT),
    ORG_URL: baseUrl,
    DUTYCHAIN_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY,
    LOG_LEVEL: 'warn',
  });
  const get = async (url: string, headers: Record<string, string> = { 'x-api-key': BOOTSTRAP_KEY }) => {
    const response = await fetch(`${baseUrl}${url}`, { headers });
    return {
      status: response.status,
      body: (await response.json()) as Record<string, unknown> & { items?: unknown[] },
    };
  };

  beforeAll(async () => {
    db = await createTestDatabase('e2e');
    service = spawn('node', ['-r', '@swc-node/register', 'services/org/src/main.ts'], {
      cwd: workspaceRoot,
      env: env(),
    });
    service.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    service.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    for (let attempt = 0; ; attempt++) {
      try {
        if ((await fetch(`${baseUrl}/health/ready`)).ok) break;
      } catch {
        // not listening yet
      }
      if (attempt > 120) throw new Error(`org service did not become ready:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  });

  afterAll(async () => {
    service.kill('SIGTERM');
    await new Promise((resolve) => service.once('exit', resolve));
    await db.drop();
  });

  it('loads the demo district once, and loading again changes nothing', async () => {
    const first = await run('node', ['-r', '@swc-node/register', 'demo/src/org/load-demo.ts'], {
      cwd: workspaceRoot,
      env: env(),
    });
    expect(first.stdout).toContain('demo: imported 云溪区');
    expect(first.stdout).toContain('12 towns and streets, 300 villages and communities');
    const second = await run('node', ['-r', '@swc-node/register', 'demo/src/org/load-demo.ts'], {
      cwd: workspaceRoot,
      env: env(),
    });
    expect(second.stdout).toContain('already loaded');
  });

  it('lets the district be browsed, and refuses a town caller looking at another town', async () => {
    const district = await get('/org-units/by-code/YX');
    expect(district.body.name).toBe('云溪区');
    const towns = await get(`/org-units/${district.body.id as string}/subtree?level=town&limit=500`);
    const [townA, townB] = towns.body.items as { id: string; name: string }[];
    expect(towns.body.items).toHaveLength(12);
    if (!townA || !townB) throw new Error('demo has no towns');
    const team = await fetch(`${baseUrl}/org-units/${townA.id}/team`, {
      headers: { 'x-api-key': BOOTSTRAP_KEY },
    });
    const secretary = ((await team.json()) as { kind: string; personId: string }[]).find(
      (post) => post.kind === 'secretary',
    );
    const issued = await fetch(`${baseUrl}/auth/tokens`, {
      method: 'POST',
      headers: { 'x-api-key': BOOTSTRAP_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ personId: secretary?.personId, unitId: townA.id, roles: ['leader'] }),
    });
    const { token } = (await issued.json()) as { token: string };
    const own = await get(`/org-units/${townA.id}/children`, { authorization: `Bearer ${token}` });
    expect(own.status).toBe(200);
    const other = await get(`/org-units/${townB.id}`, { authorization: `Bearer ${token}` });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('OUTSIDE_SCOPE');
  });

  it('verifies the audit log with the command operators use', async () => {
    const { stdout } = await run(
      'node',
      [
        '-r',
        '@swc-node/register',
        'libs/auth/src/cli/verify-audit-log.ts',
        '--schema',
        'org',
        '--database-url',
        db.url,
      ],
      { cwd: workspaceRoot },
    );
    expect(stdout).toMatch(/audit log org: intact, \d+ entries/);
  });
});

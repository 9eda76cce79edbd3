import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { freePort, ServiceProcess } from './service-process';

/** Broken services fail start() with their last output instead of hanging the suite. */
describe('ServiceProcess', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'service-process-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  const script = async (name: string, source: string) => {
    const file = path.join(dir, name);
    await writeFile(file, source);
    return file;
  };

  it('fails with the exit code and the last output when the process exits before it is ready', async () => {
    const entry = await script('exits.js', "console.error('config: ORG_PORT is missing'); process.exit(3);");
    const service = new ServiceProcess(entry, process.env, `http://127.0.0.1:${await freePort()}`);
    await expect(service.start()).rejects.toThrow(
      /exited \(code 3\) before it was ready[\s\S]*ORG_PORT is missing/,
    );
  });

  it('kills a process that listens but never answers /health/ready, after the deadline', async () => {
    const port = await freePort();
    const entry = await script(
      'hangs.js',
      `require('node:http').createServer(() => undefined).listen(${port}, '127.0.0.1', () => console.log('listening, never answering'));`,
    );
    const service = new ServiceProcess(entry, process.env, `http://127.0.0.1:${port}`, {
      readyTimeoutMs: 2_000,
    });
    const started = Date.now();
    await expect(service.start()).rejects.toThrow(
      /was not ready at .*\/health\/ready within 2000 ms[\s\S]*never answering/,
    );
    expect(Date.now() - started).toBeLessThan(15_000);
    // The port is free again: the process is gone.
    await expect(
      new Promise((resolve, reject) => {
        const probe = createServer();
        probe.once('error', reject);
        probe.listen(port, '127.0.0.1', () => probe.close(resolve));
      }),
    ).resolves.toBeUndefined();
  });

  it('is ready once /health/ready answers, and stop() waits for the exit (SIGKILL after the grace period)', async () => {
    const port = await freePort();
    const entry = await script(
      'stubborn.js',
      `process.on('SIGTERM', () => console.log('ignoring SIGTERM'));
       require('node:http').createServer((req, res) => res.end('ok')).listen(${port}, '127.0.0.1');`,
    );
    const service = new ServiceProcess(entry, process.env, `http://127.0.0.1:${port}`, { stopGraceMs: 500 });
    await service.start();
    expect((await fetch(`${service.baseUrl}/health/ready`)).status).toBe(200);
    await service.stop();
    await expect(fetch(`${service.baseUrl}/health/ready`)).rejects.toThrow();
    expect(service.output).toContain('ignoring SIGTERM');
    await service.stop(); // stopping again is a no-op
  });
});

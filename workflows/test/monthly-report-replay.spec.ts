import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { bundleCycleWorkflows } from '../src/worker';
import { historyFromObject } from './support/record';
import { Worker } from './support/test-environment';
import type { WorkflowBundleWithSourceMap } from './support/test-environment';

const dir = path.join(__dirname, '../histories');
const fixtures = readdirSync(dir).filter((f) => /^monthly-accountability-report-.*\.json$/.test(f));
const histories = fixtures.map((file) => ({
  workflowId: file,
  history: historyFromObject(JSON.parse(readFileSync(path.join(dir, file), 'utf8'))),
}));

async function replay(bundle: WorkflowBundleWithSourceMap) {
  const results = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle: bundle }, histories))
    results.push(result);
  return results;
}

describe('replay of recorded monthly-report histories (workflows/histories/monthly-accountability-report-*.json)', () => {
  it('has fixtures (regenerate with workflows/test/support/monthly-report-record.ts)', () => {
    expect(fixtures.length).toBeGreaterThan(0);
    const events = JSON.stringify(histories[0]?.history.toJSON());
    for (const name of ['monthlyAccountabilityReport', 'generateMonthlyReport'])
      expect(events).toContain(name);
  });

  it('replays with the current workflow code', async () => {
    const results = await replay(await bundleCycleWorkflows());
    expect(results.map((r) => r.error)).toEqual(fixtures.map(() => undefined));
  });

  it('catches a non-deterministic change', async () => {
    const results = await replay(
      await bundleCycleWorkflows(path.join(__dirname, './support/monthly-report-altered.workflow.ts')),
    );
    expect(results).toHaveLength(fixtures.length);
    for (const result of results) expect(result.error).toBeInstanceOf(DeterminismViolationError);
  });

  it('accepts the same change made behind patched()', async () => {
    const results = await replay(
      await bundleCycleWorkflows(path.join(__dirname, './support/monthly-report-patched.workflow.ts')),
    );
    expect(results.map((r) => r.error)).toEqual(fixtures.map(() => undefined));
  });
});

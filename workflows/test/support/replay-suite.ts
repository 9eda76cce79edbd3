/**
 * The replay suite every workflow type gets (README, "Changing the code of cycles already running"):
 * its committed histories replay with the current code, an altered copy of the workflow is caught
 * as non-deterministic, and the same change behind patched() replays cleanly.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { bundleCycleWorkflows } from '../../src/worker';
import { historyFromObject } from './record';
import { Worker } from './test-environment';
import type { WorkflowBundleWithSourceMap } from './test-environment';

const HISTORIES = path.join(__dirname, '../../histories');

export interface ReplaySuite {
  /** Names the workflow type in the test titles. */
  workflow: string;
  /** Which files of workflows/histories belong to it. */
  fixtures: RegExp;
  /** The script that records them (named in the title of the first test). */
  recorder: string;
  /** Workflows entries (relative to workflows/test/support) with the unversioned and the patched change. */
  altered: string;
  patched: string;
  /** Names the histories must contain, proving they exercise the workflow's activities and updates. */
  mentions?: string[];
}

export function describeReplay(suite: ReplaySuite): void {
  const files = readdirSync(HISTORIES).filter((file) => suite.fixtures.test(file));
  const histories = files.map((file) => ({
    workflowId: file,
    history: historyFromObject(JSON.parse(readFileSync(path.join(HISTORIES, file), 'utf8'))),
  }));
  const replay = async (bundle: WorkflowBundleWithSourceMap) => {
    const results = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: bundle }, histories))
      results.push(result);
    return results;
  };
  const entry = (file: string) => path.join(__dirname, file);

  describe(`replay of recorded ${suite.workflow} histories (workflows/histories, ${String(suite.fixtures)})`, () => {
    it(`has fixtures (record with ${suite.recorder})`, () => {
      expect(files.length).toBeGreaterThan(0);
      for (const { history } of histories) {
        const events = JSON.stringify(history.toJSON());
        for (const name of suite.mentions ?? []) expect(events).toContain(name);
      }
    });

    it('replays with the current workflow code', async () => {
      const results = await replay(await bundleCycleWorkflows());
      expect(results.map((r) => r.error)).toEqual(files.map(() => undefined));
    });

    it('catches a non-deterministic change', async () => {
      const results = await replay(await bundleCycleWorkflows(entry(suite.altered)));
      expect(results).toHaveLength(files.length);
      for (const result of results) expect(result.error).toBeInstanceOf(DeterminismViolationError);
    });

    it('accepts the same change made behind patched()', async () => {
      const results = await replay(await bundleCycleWorkflows(entry(suite.patched)));
      expect(results.map((r) => r.error)).toEqual(files.map(() => undefined));
    });
  });
}

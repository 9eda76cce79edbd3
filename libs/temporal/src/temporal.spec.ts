import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_SEARCH_ATTRIBUTE_KEYS, cycleWorkflowId, parseCycleWorkflowId, TASK_QUEUES } from './index';
import { TypedSearchAttributes } from '@temporalio/common';

describe('search attributes', () => {
  it('match the ones the local server registers (deploy/local/search-attributes.txt)', () => {
    const file = readFileSync(path.join(__dirname, '../../../deploy/local/search-attributes.txt'), 'utf8');
    const registered = file
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => line.split('=').map((part) => part.trim()) as [string, string])
      .sort(([a], [b]) => a.localeCompare(b));
    const defined = ALL_SEARCH_ATTRIBUTE_KEYS.map((key) => [
      key.name,
      TypedSearchAttributes.toMetadataType(key.type),
    ]).sort(([a], [b]) => (a ?? '').localeCompare(b ?? ''));
    expect(defined).toEqual(registered);
  });
});

describe('workflow ids', () => {
  it('builds and parses cycle/<unitId>/<year>', () => {
    expect(cycleWorkflowId('u-42', 2026)).toBe('cycle/u-42/2026');
    expect(parseCycleWorkflowId('cycle/u-42/2026')).toEqual({ unitId: 'u-42', year: 2026 });
    expect(parseCycleWorkflowId('cycle/u/42/2026')).toBeUndefined();
    expect(parseCycleWorkflowId('risk-list/p/2026')).toBeUndefined();
  });

  it('refuses parts that would make ids ambiguous', () => {
    expect(() => cycleWorkflowId('a/b', 2026)).toThrow(/without '\/'/);
    expect(() => cycleWorkflowId('', 2026)).toThrow(/unitId/);
    expect(() => cycleWorkflowId('u', 26)).toThrow(/year must be/);
  });
});

describe('task queues', () => {
  it('names the cycles queue', () => {
    expect(TASK_QUEUES.cycles).toBe('cycles');
  });
});

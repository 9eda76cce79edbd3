import type { BulkActionDto } from './cycle.dto';
import { assertBulkTargetsChosen } from './bulk-targets';

const bulk = (parts: Partial<BulkActionDto>): BulkActionDto => ({ action: 'cancel', filter: {}, ...parts });

function ruleOf(dto: BulkActionDto): string | undefined {
  try {
    assertBulkTargetsChosen(dto);
    return undefined;
  } catch (error) {
    const problem = (error as { problems: { field: string; rule: string }[] }).problems[0];
    return problem ? `${problem.field}:${problem.rule}` : 'no problem named';
  }
}

describe('bulk actions choose their targets on purpose', () => {
  it('refuses cancel and retry with an empty filter unless allInScope says so', () => {
    expect(ruleOf(bulk({ action: 'cancel' }))).toBe('filter:notEmpty');
    expect(ruleOf(bulk({ action: 'retry' }))).toBe('filter:notEmpty');
    expect(ruleOf(bulk({ action: 'cancel', allInScope: true }))).toBeUndefined();
    expect(ruleOf(bulk({ action: 'cancel', filter: { year: 2026 } }))).toBeUndefined();
  });

  it('lets acknowledging warnings go without a criterion', () => {
    expect(ruleOf(bulk({ action: 'acknowledgeWarning' }))).toBeUndefined();
  });

  it('refuses allInScope with criteria, and retry of running cycles', () => {
    expect(ruleOf(bulk({ action: 'cancel', allInScope: true, filter: { level: 'town' } }))).toBe(
      'allInScope:onlyWithEmptyFilter',
    );
    expect(ruleOf(bulk({ action: 'retry', filter: { year: 2026, running: true } }))).toBe(
      'filter.running:notWithRetry',
    );
  });
});

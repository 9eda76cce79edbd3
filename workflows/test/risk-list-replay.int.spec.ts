import { describeReplay } from './support/replay-suite';

describeReplay({
  workflow: 'risk-list',
  fixtures: /^risk-list-.*\.json$/,
  recorder: 'workflows/test/support/risk-list-record.ts',
  altered: 'risk-list-altered.workflow.ts',
  patched: 'risk-list-patched.workflow.ts',
  mentions: ['riskList'],
});

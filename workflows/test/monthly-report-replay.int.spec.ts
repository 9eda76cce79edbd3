import { describeReplay } from './support/replay-suite';

describeReplay({
  workflow: 'monthly-report',
  fixtures: /^monthly-accountability-report-.*\.json$/,
  recorder: 'workflows/test/support/monthly-report-record.ts',
  altered: 'monthly-report-altered.workflow.ts',
  patched: 'monthly-report-patched.workflow.ts',
  mentions: ['monthlyAccountabilityReport', 'generateMonthlyReport'],
});

import { describeReplay } from './support/replay-suite';

describeReplay({
  workflow: 'annual-cycle',
  fixtures: /^annual-cycle-.*\.json$/,
  recorder: 'workflows/test/record-histories.ts',
  altered: 'altered-annual-cycle.workflow.ts',
  patched: 'patched-annual-cycle.workflow.ts',
  mentions: ['annualCycle'],
});

import { describeReplay } from './support/replay-suite';

describeReplay({
  workflow: 'copy-notice',
  fixtures: /^copy-notice-.*\.json$/,
  recorder: 'workflows/test/support/copy-notice-record.ts',
  altered: 'copy-notice-altered.workflow.ts',
  patched: 'copy-notice-patched.workflow.ts',
  mentions: ['submitReply', 'reviewReply', 'escalateOverdueNotice', 'remindAddressee'],
});

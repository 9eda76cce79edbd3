/** The copy-notice loop with a change made without patched(): replaying old histories must fail. */
import { sleep } from '@temporalio/workflow';
import type { CopyNoticeInput, CopyNoticeSummary } from '@dutychain/temporal';
import { copyNotice as current } from '../../src/workflows/copy-notice/copy-notice.workflow';

export async function copyNotice(input: CopyNoticeInput): Promise<CopyNoticeSummary> {
  await sleep('1 second'); // a new timer before anything else: different commands on replay
  return current(input);
}

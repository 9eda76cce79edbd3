/** The same change as copy-notice-altered, behind patched(): old histories replay cleanly. */
import { patched, sleep } from '@temporalio/workflow';
import type { CopyNoticeInput, CopyNoticeSummary } from '@dutychain/temporal';
import { copyNotice as current } from '../../src/workflows/copy-notice/copy-notice.workflow';

export async function copyNotice(input: CopyNoticeInput): Promise<CopyNoticeSummary> {
  if (patched('copy-notice-settle-before-issuing')) await sleep('1 second');
  return current(input);
}

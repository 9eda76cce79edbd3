/**
 * The benchmark's baseline: the cheapest workflow that is still "running" like a cycle is. One
 * workflow task (start a timer), then nothing until the timer fires or the bench terminates it.
 */
import { sleep } from '@temporalio/workflow';

export async function trivialWorkflow(holdMs: number): Promise<void> {
  if (holdMs > 0) await sleep(holdMs);
}

import { log } from '@temporalio/workflow';

/** Most failed side effects a workflow keeps in its state for ops to read. */
export const MAX_FAILED_SIDE_EFFECTS = 50;

/**
 * Side effects a workflow's state transitions queue (records, reminders, escalations), performed by
 * its main loop in order. A failure never stops the workflow: a parent that has closed, or a
 * notification channel down for hours, leaves a trace in `failures` for ops instead. The queue and
 * the failures are arrays of the workflow's own state, so they are carried and queried with it.
 */
export async function drainSideEffects<E extends { kind: string }>(
  pending: E[],
  failures: string[],
  perform: (effect: E) => Promise<void>,
  context: { workflow: string; workflowId: string },
): Promise<void> {
  while (pending.length > 0) {
    const effect = pending[0];
    if (!effect) break;
    try {
      await perform(effect);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      log.warn(`${context.workflow} side effect failed`, {
        workflowId: context.workflowId,
        kind: effect.kind,
        message,
      });
      failures.push(`${effect.kind}: ${message}`);
      if (failures.length > MAX_FAILED_SIDE_EFFECTS) failures.shift();
    }
    // Shifted only once done: effects it queued itself go behind it, in order.
    pending.shift();
  }
}

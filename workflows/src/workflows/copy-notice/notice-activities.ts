import { proxyActivities } from '@temporalio/workflow';
import type { AccountabilityActivities } from '@dutychain/temporal';

/** The accountability service's activities, on its own task queue, with the two retry policies the loop needs. */
export function noticeActivities(taskQueue: string): {
  background: AccountabilityActivities;
  interactive: AccountabilityActivities;
} {
  return {
    /** Steps, reminders and escalations from the loop itself: retried for a while, then logged, never fatal. */
    background: proxyActivities<AccountabilityActivities>({
      taskQueue,
      startToCloseTimeout: '1 minute',
      retry: {
        initialInterval: '1 second',
        backoffCoefficient: 2,
        maximumInterval: '10 minutes',
        maximumAttempts: 10,
      },
    }),
    /** Steps of a reply or review: someone waits for the answer, so fail fast and let them retry. */
    interactive: proxyActivities<AccountabilityActivities>({
      taskQueue,
      startToCloseTimeout: '20 seconds',
      retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumAttempts: 4 },
    }),
  };
}

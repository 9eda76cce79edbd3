import { proxyActivities } from '@temporalio/workflow';
import type { RiskListActivities } from '@dutychain/temporal';

/** Activities whose failure is the caller's answer (submission, decision): a few quick retries. */
export function decisionActivities(taskQueue: string): RiskListActivities {
  return proxyActivities<RiskListActivities>({
    taskQueue,
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumAttempts: 3 },
  });
}

/** Opening the list, notifications and status records: retried for a long while, never fatal. */
export function backgroundActivities(taskQueue: string): RiskListActivities {
  return proxyActivities<RiskListActivities>({
    taskQueue,
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes' },
  });
}

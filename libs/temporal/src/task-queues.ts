/** Task queues. Workflows (and, for now, the cycle activities) run on `cycles` (ARCHITECTURE.md). */
export const TASK_QUEUES = {
  cycles: 'cycles',
} as const;
export type TaskQueue = (typeof TASK_QUEUES)[keyof typeof TASK_QUEUES];

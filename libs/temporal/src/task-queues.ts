/**
 * Task queues (README.md "Architecture"). Every workflow runs on `cycles`; each service hosts the
 * activities it owns on its own queue, so a workflow reaches a service's data only through them.
 */
export const TASK_QUEUES = {
  cycles: 'cycles',
  lists: 'lists',
  accountability: 'accountability',
} as const;
export type TaskQueue = (typeof TASK_QUEUES)[keyof typeof TASK_QUEUES];

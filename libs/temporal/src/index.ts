export * from './task-queues';
export * from './search-attributes';
export * from './workflow-ids';
export * from './cycle-activities';
export * from './cycle-contract';
export { cycleSearchAttributes, cycleStartOptions } from './cycle-start';
export type { CycleSearchAttributeValues } from './cycle-start';

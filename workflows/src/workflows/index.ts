// The worker's workflow bundle entry: every workflow the `cycles` task queue runs.
export { annualCycle } from './annual-cycle.workflow';

// The worker's workflow bundle entry: every workflow the `cycles` task queue runs.
export { annualCycle } from './annual-cycle.workflow';
export { riskList } from './risk-list/risk-list.workflow';
export { copyNotice } from './copy-notice/copy-notice.workflow';
export { monthlyAccountabilityReport } from './monthly-accountability-report.workflow';

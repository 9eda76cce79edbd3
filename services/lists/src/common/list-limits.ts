/** Limits on list sizes (text lengths come from TEXT_LIMITS in @dutychain/domain). */
export const LIST_LIMITS = {
  taskItems: 200,
  supervisionItems: 200,
  riskItems: 100,
  /** Risk points, and measures, per item. */
  pointsPerItem: 20,
} as const;

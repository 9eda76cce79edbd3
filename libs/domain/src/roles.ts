/** Roles a caller can hold; what each may do is decided per endpoint. */
export const ROLES = [
  'admin',
  'committeeStaff',
  'commissionStaff',
  'leader',
  'inspector',
  'evaluator',
  'ops',
] as const;
export type Role = (typeof ROLES)[number];

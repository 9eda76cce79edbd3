export * from './dates';
export * from './org-vocabulary';
export * from './roles';
export * from './text-limits';

export * from './data-source';
export * from './migrate';
export * from './persistence.module';
export * from './postgres-errors';

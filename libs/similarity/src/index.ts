// Text similarity
export * from './hashing';
export * from './seeded-random';
export * from './text-normalization';
export * from './shingles';
export * from './sorted-sets';
export * from './minhash';
export * from './lsh-index';
export * from './near-duplicates';
// Quality checks of personal responsibility-risk lists
export * from './list-types';
export * from './findings';
export * from './governance-vocabulary';
export * from './quality-options';
export * from './list-fingerprint';
export * from './check-list';
export * from './screen-lists';
export * from './rules/item-completeness';
// Test and benchmark data

export * from './common-config';
export * from './env-reader';

export * from './health.controller';
export * from './org-directory.client';
export * from './org-introspection.verifier';
export * from './service-settings';
export * from './temporal-client.provider';
export * from './hosted-worker';
export * from './service-providers';

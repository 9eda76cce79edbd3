export * from './test-database';
export * from './small-city.fixture';
export * from './service-process';
export * from './org-directory';
export * from './wait-for';
export * from './temporal-runtime';
export * from './reference-fields';
export * from './tcp-proxy';

export * from './test-database';
export * from './small-city.fixture';

import { createJestConfig } from '../jest.preset';
// Time-skipping tests start a Java test server and bundle the workflow code; test/run-all.sh runs
// every project in band, because parallel JVMs and webpack on 2 cores starve the test server.
export default createJestConfig(__dirname, 'workflows', { testTimeout: 120_000 });

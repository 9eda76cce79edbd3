import { createJestConfig } from '../../jest.preset';
// The service's tests run against the real Temporal dev server and a real org service process.
export default createJestConfig(__dirname, 'cycles', { testTimeout: 120_000 });

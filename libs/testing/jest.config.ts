import { createJestConfig } from '../../jest.preset';
// The org directory specs start the real org service as a process.
export default createJestConfig(__dirname, 'testing', { testTimeout: 120_000 });

import { createJestConfig } from '../../jest.preset';
// Integration tests start the org service as a process and use the Temporal dev server.
export default createJestConfig(__dirname, 'accountability', { testTimeout: 120_000 });

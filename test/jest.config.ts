import { createJestConfig } from '../jest.preset';
export default createJestConfig(__dirname, 'e2e', { testTimeout: 180_000 });

import { createJestConfig } from '../../jest.preset';
export default createJestConfig(__dirname, 'lists', { testTimeout: 120_000 });

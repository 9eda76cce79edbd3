import { createJestConfig } from '../jest.preset';
export default createJestConfig(__dirname, 'demo');

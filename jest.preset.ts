// Shared jest settings: SWC compiles TypeScript (with decorator metadata for NestJS), and the
// tsconfig path aliases resolve to the libraries' sources.
import type { Config } from 'jest';
import * as path from 'node:path';
import { compilerOptions } from './tsconfig.base.json';

export const workspaceRoot = __dirname;

function moduleNameMapper(): Record<string, string> {
  const mapper: Record<string, string> = {};
  for (const [alias, targets] of Object.entries(compilerOptions.paths)) {
    mapper[`^${alias}$`] = path.join(workspaceRoot, targets[0] ?? '');
  }
  return mapper;
}

export const swcTransform: [string, Record<string, unknown>] = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

export function createJestConfig(projectDir: string, displayName: string, overrides: Config = {}): Config {
  return {
    displayName,
    rootDir: projectDir,
    testEnvironment: 'node',
    transform: { '^.+\\.ts$': swcTransform },
    moduleFileExtensions: ['ts', 'js', 'json'],
    moduleNameMapper: moduleNameMapper(),
    testMatch: ['<rootDir>/**/*.spec.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    ...overrides,
  };
}

import type { Config } from 'jest';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

/** Every project that has a jest.config.ts, in one run (test/run-all.sh adds lint, types and the stack). */
function projectConfigs(): string[] {
  const roots = ['libs', 'services'].flatMap((folder) =>
    readdirSync(path.join(__dirname, folder)).map((name) => path.join(folder, name)),
  );
  return [...roots, 'workflows', 'test']
    .map((root) => path.join(__dirname, root, 'jest.config.ts'))
    .filter((file) => existsSync(file));
}

const config: Config = { projects: projectConfigs() };
export default config;

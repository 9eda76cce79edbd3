import type { Config } from 'jest';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

/** Every project that has a jest.config.ts, in one run (test/run-all.sh adds lint, types and the stack). */
function projectConfigs(): string[] {
  const roots = ['libs', 'services'].flatMap((folder) =>
    readdirSync(path.join(__dirname, folder)).map((name) => path.join(folder, name)),
  );
  return [...roots, 'workflows', 'demo', 'test']
    .map((root) => path.join(__dirname, root, 'jest.config.ts'))
    .filter((file) => existsSync(file));
}

// testTimeout and the worker count are global settings in a multi-project run: project configs cannot set them.
// Long tests (a year on the time-skipping server, real processes) set their own per-test timeouts too.
const config: Config = { projects: projectConfigs(), testTimeout: 120_000 };
export default config;

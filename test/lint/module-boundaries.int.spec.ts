import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const workspaceRoot = path.resolve(__dirname, '../..');

/** Small files that break one architectural rule each, written into the project they claim to be part of. */
const PROBES = {
  workflowImportsNest: [
    'workflows/src/workflows',
    "import { Injectable } from '@nestjs/common';\nexport const probe = Injectable;\n",
  ],
  workflowImportsClient: [
    'workflows/src/workflows',
    "import { Client } from '@temporalio/client';\nexport const probe = Client;\n",
  ],
  workflowImportsNodeFs: [
    'workflows/src/workflows',
    "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n",
  ],
  workflowSafeLibImportsCrypto: [
    'libs/domain/src',
    "import { randomUUID } from 'crypto';\nexport const probe = randomUUID;\n",
  ],
  libImportsService: [
    'libs/http/src',
    "import { OrgConfig } from '../../../services/org/src/org.config';\nexport const probe = OrgConfig;\n",
  ],
  floatingPromiseAndValueTypeImport: [
    'libs/http/src',
    "import { DataSource } from 'typeorm';\nexport function probe(source: DataSource): void {\n  source.query('SELECT 1');\n}\n",
  ],
  serviceImportsDemo: [
    'services/org/src',
    "import { buildDemoDistrict } from '@dutychain/demo';\nexport const probe = buildDemoDistrict;\n",
  ],
  serviceTestImportsDemo: [
    'services/org/test',
    "import { buildDemoDistrict } from '@dutychain/demo';\nexport const probe = buildDemoDistrict;\n",
  ],
} as const;

/**
 * The lint rules are only worth having if they fire: each probe must be refused by the named rule.
 * ESLint runs as its own process, once for all probes (its flat config is an ES module, which
 * jest's sandbox cannot load).
 */
describe('lint rules that guard the architecture', () => {
  const fired: Record<string, string[]> = {};

  beforeAll(() => {
    // @nx/enforce-module-boundaries reads the cached project graph; make sure it exists.
    execFileSync('npx', ['nx', 'show', 'projects'], {
      cwd: workspaceRoot,
      env: { ...process.env, NX_DAEMON: 'false' },
    });
    const files = Object.entries(PROBES).map(([name, [folder, code]]) => {
      const file = path.join(workspaceRoot, folder, `boundary-probe-${name}-${process.pid}.ts`);
      writeFileSync(file, code);
      return { name, file };
    });
    try {
      const result = spawnSync(
        path.join(workspaceRoot, 'node_modules/.bin/eslint'),
        ['--format', 'json', ...files.map((f) => f.file)],
        {
          cwd: workspaceRoot,
          encoding: 'utf8',
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      const reports = JSON.parse(result.stdout) as {
        filePath: string;
        messages: { ruleId: string | null; message: string }[];
      }[];
      for (const { name, file } of files) {
        fired[name] = (reports.find((report) => report.filePath === file)?.messages ?? []).map(
          (m) => m.ruleId ?? m.message,
        );
      }
    } finally {
      for (const { file } of files) rmSync(file, { force: true });
    }
  }, 180_000);

  it('keeps NestJS and the Temporal client out of workflow code', () => {
    expect(fired.workflowImportsNest).toContain('@nx/enforce-module-boundaries');
    expect(fired.workflowImportsClient).toContain('@nx/enforce-module-boundaries');
  });

  it('keeps Node built-ins out of workflow code and workflow-safe libraries', () => {
    expect(fired.workflowImportsNodeFs).toContain('no-restricted-imports');
    expect(fired.workflowSafeLibImportsCrypto).toContain('no-restricted-imports');
  });

  it('keeps libraries from importing services', () => {
    expect(fired.libImportsService).toContain('@nx/enforce-module-boundaries');
  });

  it('keeps the demo and its data out of production code, and lets tests read it', () => {
    expect(fired.serviceImportsDemo).toContain('@nx/enforce-module-boundaries');
    expect(fired.serviceTestImportsDemo).toEqual([]);
  });

  it('refuses floating promises and value imports used only as types', () => {
    expect(fired.floatingPromiseAndValueTypeImport).toEqual(
      expect.arrayContaining([
        '@typescript-eslint/no-floating-promises',
        '@typescript-eslint/consistent-type-imports',
      ]),
    );
  });
});

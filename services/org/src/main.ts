import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError } from '@dutychain/config';
import { API_DOCS_PATH } from '@dutychain/http';
import { createOrgApp } from './create-org-app';
import { OrgConfig } from './org.config';

async function main(): Promise<void> {
  const config = OrgConfig.fromEnv();
  const app = await createOrgApp(config);
  await app.listen(config.port, config.host);
  const base = `http://${config.host}:${config.port}`;
  new Logger('org').log({ msg: 'org service listening', url: base, docs: `${base}/${API_DOCS_PATH}` });
}

main().catch((error: unknown) => {
  // Configuration problems are the operator's to fix: print them plainly, without a stack.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});

import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError } from '@dutychain/config';
import { API_DOCS_PATH } from '@dutychain/http';
import { createAccountabilityApp } from './create-accountability-app';
import { AccountabilityConfig } from './accountability.config';

async function main(): Promise<void> {
  const config = AccountabilityConfig.fromEnv();
  const app = await createAccountabilityApp(config);
  await app.listen(config.port, config.host);
  const base = `http://${config.host}:${config.port}`;
  new Logger('accountability').log({
    msg: 'accountability service listening',
    url: base,
    docs: `${base}/${API_DOCS_PATH}`,
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});

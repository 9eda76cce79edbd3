import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError } from '@dutychain/config';
import { API_DOCS_PATH } from '@dutychain/http';
import { createListsApp } from './create-lists-app';
import { ListsConfig } from './lists.config';

async function main(): Promise<void> {
  const config = ListsConfig.fromEnv();
  const app = await createListsApp(config);
  await app.listen(config.port, config.host);
  const base = `http://${config.host}:${config.port}`;
  new Logger('lists').log({ msg: 'lists service listening', url: base, docs: `${base}/${API_DOCS_PATH}` });
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});

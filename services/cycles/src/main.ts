import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError } from '@dutychain/config';
import { API_DOCS_PATH } from '@dutychain/http';
import { createCyclesApp } from './create-cycles-app';
import { CyclesConfig } from './cycles.config';

async function main(): Promise<void> {
  const config = CyclesConfig.fromEnv();
  const app = await createCyclesApp(config);
  await app.listen(config.port, config.host);
  const base = `http://${config.host}:${config.port}`;
  new Logger('cycles').log({ msg: 'cycles service listening', url: base, docs: `${base}/${API_DOCS_PATH}` });
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});

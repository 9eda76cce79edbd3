import { DataSource } from 'typeorm';
import type { EntitySchema, MixedList } from 'typeorm';

export interface ServiceDataSourceOptions {
  url: string;
  /** The PostgreSQL schema this service owns; its migrations table lives there too. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
  applicationName?: string;
}

/** A DataSource bound to one service's schema. Schema changes happen through migrations only. */
export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    // Expected constraint failures become 4xx answers; unexpected ones are logged by the error filter.
    logging: false,
    applicationName: options.applicationName ?? `dutychain-${options.schema}`,
    // A database that hangs instead of refusing must still give a 503 quickly: a connection is
    // waited for 5 s at most.
    extra: { max: options.poolSize ?? 10, connectionTimeoutMillis: 5_000 },
  });
}

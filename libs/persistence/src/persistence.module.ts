import type { DynamicModule, OnApplicationShutdown } from '@nestjs/common';
import { Injectable, Logger, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ServiceDataSourceOptions } from './data-source';
import { createServiceDataSource } from './data-source';
import { migrateWithLock } from './migrate';

/** Where the database is; each service provides it from its validated configuration. */
export abstract class DatabaseSettings {
  abstract readonly databaseUrl: string;
  abstract readonly databasePoolSize: number;
}

@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

export type PersistenceOptions = Pick<ServiceDataSourceOptions, 'schema' | 'entities' | 'migrations'> & {
  settings: DatabaseSettings;
};

/** Provides the service's DataSource, initialised and migrated before the app accepts requests. */
@Module({})
export class PersistenceModule {
  static forService(options: PersistenceOptions): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      providers: [
        {
          provide: DataSource,
          useFactory: async (): Promise<DataSource> => {
            const dataSource = createServiceDataSource({
              schema: options.schema,
              entities: options.entities,
              migrations: options.migrations,
              url: options.settings.databaseUrl,
              poolSize: options.settings.databasePoolSize,
            });
            await dataSource.initialize();
            const applied = await migrateWithLock(dataSource, options.schema);
            if (applied.length > 0) {
              new Logger('Migrations').log(`applied ${applied.join(', ')} to schema ${options.schema}`);
            }
            return dataSource;
          },
        },
        DataSourceCloser,
      ],
      exports: [DataSource],
    };
  }
}

import { ServiceConfig, EnvReader, readCommonConfig } from '@dutychain/config';

/** The org service's configuration, validated once at start-up (see README, Configuration). */
export class OrgConfig extends ServiceConfig {
  readonly tokenTtlSeconds!: number;
  /** A key with global admin scope, for bootstrapping a new deployment; unset in production normally. */
  readonly bootstrapApiKey!: string | undefined;
  readonly importMaxBytes!: number;

  static fromEnv(env: Record<string, string | undefined> = process.env): OrgConfig {
    const reader = new EnvReader(env);
    const config: OrgConfig = Object.assign(new OrgConfig(), {
      ...readCommonConfig(reader),
      host: reader.string('ORG_HOST', '127.0.0.1'),
      port: reader.int('ORG_PORT', 3001, { min: 0, max: 65535 }),
      tokenTtlSeconds: reader.int('AUTH_TOKEN_TTL_SECONDS', 8 * 3600, { min: 60, max: 30 * 24 * 3600 }),
      bootstrapApiKey: reader.optionalString('DUTYCHAIN_BOOTSTRAP_API_KEY'),
      importMaxBytes: reader.int('ORG_IMPORT_MAX_BYTES', 50 * 1024 * 1024, { min: 1024 }),
    });
    reader.require(
      config.bootstrapApiKey === undefined || config.bootstrapApiKey.length >= 32,
      'DUTYCHAIN_BOOTSTRAP_API_KEY must be at least 32 characters',
    );
    reader.done();
    return config;
  }
}

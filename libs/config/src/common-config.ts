import type { EnvReader } from './env-reader';

/** Settings every service shares. Defaults match the local stack in deploy/local. */
export interface CommonConfig {
  nodeEnv: 'development' | 'test' | 'production';
  databaseUrl: string;
  databasePoolSize: number;
  temporalAddress: string;
  temporalNamespace: string;
  authSecret: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

/**
 * The fields of CommonConfig plus where the service listens, declared once for every service's
 * config class (each extends it with its own settings and fills it in `fromEnv`).
 */
export abstract class ServiceConfig implements CommonConfig {
  readonly nodeEnv!: CommonConfig['nodeEnv'];
  readonly databaseUrl!: string;
  readonly databasePoolSize!: number;
  readonly temporalAddress!: string;
  readonly temporalNamespace!: string;
  readonly authSecret!: string;
  readonly logLevel!: CommonConfig['logLevel'];
  readonly host!: string;
  readonly port!: number;
}

/** How a service beside org reaches the org directory. */
export interface DirectoryClientConfig {
  /** Base URL of the org directory service. */
  orgUrl: string;
  /** This service's own API key for the org directory. */
  serviceApiKey: string;
  /**
   * How long a caller's API key, once checked with the org directory, is trusted without asking
   * again; a revoked key keeps working this long in the other services (0: ask every time).
   */
  apiKeyCacheMs: number;
}

/** Config of a service that reads the org directory (every service but org itself). */
export abstract class DirectoryServiceConfig extends ServiceConfig implements DirectoryClientConfig {
  readonly orgUrl!: string;
  readonly serviceApiKey!: string;
  readonly apiKeyCacheMs!: number;
}

export function readDirectoryClientConfig(
  reader: EnvReader,
  env: Record<string, string | undefined>,
): DirectoryClientConfig {
  return {
    orgUrl: reader.url('ORG_URL', 'http://127.0.0.1:3001', ['http:', 'https:']),
    serviceApiKey: reader.string('DUTYCHAIN_SERVICE_API_KEY', env.DUTYCHAIN_BOOTSTRAP_API_KEY),
    apiKeyCacheMs: reader.int('DUTYCHAIN_API_KEY_CACHE_SECONDS', 15, { min: 0, max: 3600 }) * 1000,
  };
}

/** The local stack's development signing secret; refused when NODE_ENV=production. */
export const DEVELOPMENT_AUTH_SECRET = 'dutychain-local-development-secret-change-me';

export function readCommonConfig(reader: EnvReader): CommonConfig {
  const nodeEnv = reader.oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const authSecret = reader.secret(
    'DUTYCHAIN_AUTH_SECRET',
    nodeEnv === 'production' ? undefined : DEVELOPMENT_AUTH_SECRET,
    32,
  );
  return {
    nodeEnv,
    databaseUrl: reader.url('DATABASE_URL', 'postgres://dutychain:dutychain@127.0.0.1:55432/dutychain', [
      'postgres:',
      'postgresql:',
    ]),
    databasePoolSize: reader.int('DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
    temporalAddress: reader.string('TEMPORAL_ADDRESS', '127.0.0.1:7233'),
    temporalNamespace: reader.string('TEMPORAL_NAMESPACE', 'default'),
    authSecret,
    logLevel: reader.oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
  };
}

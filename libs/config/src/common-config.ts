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

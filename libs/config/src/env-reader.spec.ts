import { ConfigError, EnvReader } from './env-reader';
import { readCommonConfig, readDirectoryClientConfig } from './common-config';

describe('EnvReader', () => {
  it('uses defaults when variables are absent', () => {
    const reader = new EnvReader({});
    const config = readCommonConfig(reader);
    reader.done();
    expect(config.databaseUrl).toContain('127.0.0.1:55432');
    expect(config.nodeEnv).toBe('development');
  });

  it('names every bad variable and its rule in one error', () => {
    const reader = new EnvReader({
      DATABASE_POOL_SIZE: 'many',
      DATABASE_URL: 'mysql://x',
      LOG_LEVEL: 'loud',
    });
    readCommonConfig(reader);
    let error: unknown;
    try {
      reader.done();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        'DATABASE_POOL_SIZE must be an integer (got "many")',
        'DATABASE_URL must use postgres: or postgresql: (got "mysql:")',
        'LOG_LEVEL must be one of debug, info, warn, error (got "loud")',
      ]),
    );
  });

  it('requires a real signing secret in production', () => {
    const reader = new EnvReader({ NODE_ENV: 'production' });
    readCommonConfig(reader);
    expect(() => reader.done()).toThrow('DUTYCHAIN_AUTH_SECRET is required');
  });

  it('reads how services beside org reach the directory, in milliseconds, refusing a negative cache time', () => {
    const env = { DUTYCHAIN_BOOTSTRAP_API_KEY: 'dck_bootstrap', DUTYCHAIN_API_KEY_CACHE_SECONDS: '0' };
    const reader = new EnvReader(env);
    expect(readDirectoryClientConfig(reader, env)).toEqual({
      orgUrl: 'http://127.0.0.1:3001',
      serviceApiKey: 'dck_bootstrap',
      apiKeyCacheMs: 0,
    });
    reader.done();
    const bad = { DUTYCHAIN_API_KEY_CACHE_SECONDS: '-5', DUTYCHAIN_SERVICE_API_KEY: 'dck_service' };
    const badReader = new EnvReader(bad);
    readDirectoryClientConfig(badReader, bad);
    expect(() => badReader.done()).toThrow('DUTYCHAIN_API_KEY_CACHE_SECONDS');
  });
});

import { ConfigError, EnvReader } from './env-reader';
import { readCommonConfig } from './common-config';

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
});

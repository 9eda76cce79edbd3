import type { Caller } from '@dutychain/auth';
import type { OrgDirectoryClient } from './org-directory.client';
import { API_KEY_CACHE_LIMIT, OrgIntrospectionVerifier } from './org-introspection.verifier';

/** The directory is replaced by a counter: what is tested is only when the verifier asks again. */
function verifierWith(apiKeyCacheMs: number): { verifier: OrgIntrospectionVerifier; asked: string[] } {
  const asked: string[] = [];
  const directory = {
    introspect: ({ apiKey: key }: { apiKey: string }): Promise<Caller | undefined> => {
      asked.push(key);
      const caller: Caller = {
        kind: 'apiKey',
        id: key,
        name: '区数据中台',
        roles: ['ops'],
        unitId: 'u1',
        unitPath: '/u1/',
        guidedUnitPaths: [],
      };
      return Promise.resolve(key.startsWith('dck_') ? caller : undefined);
    },
  } as unknown as OrgDirectoryClient;
  return {
    verifier: new OrgIntrospectionVerifier(directory, { orgUrl: '', serviceApiKey: '', apiKeyCacheMs }),
    asked,
  };
}

describe('OrgIntrospectionVerifier', () => {
  afterEach(() => jest.useRealTimers());

  it('trusts a checked key for the configured time, then asks the directory again', async () => {
    jest.useFakeTimers({ now: new Date('2026-03-01T08:00:00Z') });
    const { verifier, asked } = verifierWith(15_000);
    expect((await verifier.verify('dck_a'))?.unitId).toBe('u1');
    expect((await verifier.verify('dck_a'))?.unitId).toBe('u1');
    expect(asked).toEqual(['dck_a']);
    jest.setSystemTime(new Date('2026-03-01T08:00:16Z'));
    await verifier.verify('dck_a');
    expect(asked).toEqual(['dck_a', 'dck_a']);
  });

  it('remembers refusals too, and asks every time when the cache is off', async () => {
    const cached = verifierWith(15_000);
    expect(await cached.verifier.verify('forged')).toBeUndefined();
    expect(await cached.verifier.verify('forged')).toBeUndefined();
    expect(cached.asked).toHaveLength(1);
    const uncached = verifierWith(0);
    await uncached.verifier.verify('dck_a');
    await uncached.verifier.verify('dck_a');
    expect(uncached.asked).toHaveLength(2);
  });

  it('forgets the oldest key first when the cache is full', async () => {
    const { verifier, asked } = verifierWith(60_000);
    for (let index = 0; index <= API_KEY_CACHE_LIMIT; index++) await verifier.verify(`dck_${index}`);
    await verifier.verify(`dck_${API_KEY_CACHE_LIMIT}`);
    expect(asked).toHaveLength(API_KEY_CACHE_LIMIT + 1);
    await verifier.verify('dck_0');
    expect(asked).toHaveLength(API_KEY_CACHE_LIMIT + 2);
  });
});

import type { Caller } from './caller';
import { canRun, canSee } from './scope';
import { signPersonToken, verifyPersonToken } from './token';

const SECRET = 'a-test-secret-that-is-long-enough-000';
const person: Omit<Caller, 'kind'> = {
  id: 'p1',
  name: '林晓红',
  roles: ['leader'],
  unitId: 'd1',
  unitPath: '/c1/d1/',
  guidedUnitPaths: ['/c1/d2/x9/'],
};

describe('person tokens', () => {
  it('round-trips the caller, Chinese name included', () => {
    const check = verifyPersonToken(signPersonToken(person, SECRET, 60), SECRET);
    expect(check).toEqual({ ok: true, caller: { kind: 'person', ...person } });
  });

  it('refuses an expired token, a token signed with another secret, and an edited payload', () => {
    const now = Date.UTC(2026, 0, 1);
    const token = signPersonToken(person, SECRET, 60, now);
    expect(verifyPersonToken(token, SECRET, now + 61_000)).toEqual({
      ok: false,
      reason: 'token has expired',
    });
    expect(verifyPersonToken(token, `${SECRET}x`, now)).toEqual({
      ok: false,
      reason: 'token signature is invalid',
    });
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...person, sub: 'p1', roles: ['admin'], exp: now / 1000 + 60 }),
    ).toString('base64url');
    expect(verifyPersonToken(`${header}.${forged}.${signature}`, SECRET, now)).toEqual({
      ok: false,
      reason: 'token signature is invalid',
    });
    expect(verifyPersonToken('not-a-token', SECRET)).toEqual({ ok: false, reason: 'token is not a JWT' });
  });
});

describe('subtree scope', () => {
  const caller: Caller = { kind: 'person', ...person };

  it('runs and sees its own subtree only', () => {
    expect(canRun(caller, '/c1/d1/')).toBe(true);
    expect(canRun(caller, '/c1/d1/t3/')).toBe(true);
    expect(canRun(caller, '/c1/')).toBe(false);
    expect(canSee(caller, '/c1/d2/')).toBe(false);
  });

  it('sees but does not run what it guides', () => {
    expect(canSee(caller, '/c1/d2/x9/v1/')).toBe(true);
    expect(canRun(caller, '/c1/d2/x9/v1/')).toBe(false);
  });
});

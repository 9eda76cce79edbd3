import { createHmac, timingSafeEqual } from 'node:crypto';
import { ROLES } from '@dutychain/domain';
import type { Caller } from './caller';

/**
 * Bearer tokens for people: compact JWTs signed with HMAC-SHA256 (HS256), so every service can
 * verify them with the shared secret and no round trip.
 */
interface TokenClaims {
  sub: string;
  name: string;
  roles: Caller['roles'];
  unitId: string;
  unitPath: string;
  guided: string[];
  iat: number;
  exp: number;
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

function signature(data: string, secret: string): string {
  return createHmac('sha256', secret).update(data).digest('base64url');
}

export function signPersonToken(
  caller: Omit<Caller, 'kind'>,
  secret: string,
  ttlSeconds: number,
  now = Date.now(),
): string {
  const issuedAt = Math.floor(now / 1000);
  const claims: TokenClaims = {
    sub: caller.id,
    name: caller.name,
    roles: caller.roles,
    unitId: caller.unitId,
    unitPath: caller.unitPath,
    guided: caller.guidedUnitPaths,
    iat: issuedAt,
    exp: issuedAt + ttlSeconds,
  };
  const body = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${body}.${signature(body, secret)}`;
}

export type TokenCheck = { ok: true; caller: Caller } | { ok: false; reason: string };

export function verifyPersonToken(token: string, secret: string, now = Date.now()): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'token is not a JWT' };
  const [header, payload, given] = parts as [string, string, string];
  if (header !== HEADER) return { ok: false, reason: 'unsupported token header' };
  const expected = Buffer.from(signature(`${header}.${payload}`, secret));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    return { ok: false, reason: 'token signature is invalid' };
  }
  let claims: TokenClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
  } catch {
    return { ok: false, reason: 'token payload is not JSON' };
  }
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now)
    return { ok: false, reason: 'token has expired' };
  if (!Array.isArray(claims.roles) || !claims.roles.every((role) => ROLES.includes(role))) {
    return { ok: false, reason: 'token carries an unknown role' };
  }
  return {
    ok: true,
    caller: {
      kind: 'person',
      id: claims.sub,
      name: claims.name,
      roles: claims.roles,
      unitId: claims.unitId,
      unitPath: claims.unitPath,
      guidedUnitPaths: Array.isArray(claims.guided) ? claims.guided : [],
    },
  };
}

import { createHash, randomBytes } from 'node:crypto';
import type { Caller } from './caller';

/**
 * API keys for machines look like `dck_<id>_<secret>`. Only a SHA-256 of the whole key is stored;
 * the id finds the row, the hash proves the secret.
 */
export interface GeneratedApiKey {
  id: string;
  key: string;
  hash: string;
}

const API_KEY_PATTERN = /^dck_([a-z0-9]{12})_([A-Za-z0-9_-]{32,})$/;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function generateApiKey(): GeneratedApiKey {
  const id = randomBytes(9)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')
    .slice(0, 12)
    .padEnd(12, '0');
  const key = `dck_${id}_${randomBytes(24).toString('base64url')}`;
  return { id, key, hash: hashApiKey(key) };
}

export function apiKeyIdOf(key: string): string | undefined {
  return API_KEY_PATTERN.exec(key)?.[1];
}

/** Each service tells the guard how to look up a key; the org service owns the key table. */
export abstract class ApiKeyVerifier {
  abstract verify(key: string): Promise<Caller | undefined>;
}

/** The signing secret and token lifetime, from the service's validated configuration. */
export abstract class AuthSettings {
  abstract readonly authSecret: string;
}

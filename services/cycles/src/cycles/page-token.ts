import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ValidationOptions } from 'class-validator';
import { ValidateBy } from 'class-validator';

/** Longest page token accepted; Temporal's visibility tokens are a few hundred characters. */
const MAX_PAGE_TOKEN_LENGTH = 4000;
const SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/;

/**
 * Page tokens of `GET /cycles`: Temporal's nextPageToken bytes and an HMAC over them and the
 * visibility query they belong to, both base64url. A token that was edited, forged or taken to
 * another filter is refused at once, instead of being sent to the server (which answers such a
 * token with UNKNOWN, retried by the SDK for ~20 s).
 */
export class PageTokens {
  constructor(private readonly secret: string) {}

  encode(bytes: Uint8Array | null | undefined, query: string): string | null {
    if (!bytes?.length) return null;
    const position = Buffer.from(bytes).toString('base64url');
    return `${position}.${this.sign(position, query)}`;
  }

  /** Temporal's bytes, or undefined when the token was not handed out for this query by this service. */
  decode(token: string, query: string): Buffer | undefined {
    const [position = '', signature = ''] = token.split('.');
    const expected = Buffer.from(this.sign(position, query));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return Buffer.from(position, 'base64url');
  }

  private sign(position: string, query: string): string {
    return createHmac('sha256', this.secret).update(`cycles-page\n${query}\n${position}`).digest('base64url');
  }
}

/** Rule `valid` (shape only; the signature is checked against the query by the service). */
export function IsPageToken(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'valid',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && value.length <= MAX_PAGE_TOKEN_LENGTH && SHAPE.test(value),
        defaultMessage: (args) => `${args?.property} must be the nextPageToken of a previous page, unchanged`,
      },
    },
    options,
  );
}

import { createHash, createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { DomainError, ErrorCode } from '@dutychain/http';
import type { S3Settings } from '../lists.config';
import { EvidenceStore } from './evidence-store';

/** Error codes that mean the access key or the secret is wrong (XAdminUserNotFound: versitygw's 404). */
const CREDENTIAL_ERRORS = [
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'AccessDenied',
  'XAdminUserNotFound',
];

/** sha256 of the empty payload (HEAD, GET, PUT Bucket without a body). */
const EMPTY_SHA256 = createHash('sha256').digest('hex');

export interface S3EvidenceStoreOptions {
  /** Key prefix: objects are `<prefix>/<sha256>`. */
  prefix?: string;
  /** Milliseconds until the store must have answered (headers; a download's body may take longer). */
  timeoutMs?: number;
}

interface SignedRequest {
  method: 'GET' | 'HEAD' | 'PUT';
  /** Object key inside the bucket; undefined addresses the bucket itself. */
  key?: string;
  body?: Buffer;
  payloadSha256?: string;
}

/**
 * Evidence in an S3-compatible object store (AWS S3, MinIO, versitygw, Ceph RGW …): objects
 * `evidence/<sha256>` in one bucket, path-style URLs `<endpoint>/<bucket>/<key>`, every request
 * signed with AWS Signature Version 4 over `fetch` (no SDK). Writes send the payload's sha256 as
 * `x-amz-content-sha256`, so the server refuses bytes that changed on the way.
 *
 * Failures are DomainErrors the API can show: 503 when the store cannot be reached or is failing,
 * 502 when it refuses the request (credentials, missing bucket). Messages name the endpoint
 * (without any user info) and the bucket, never the keys.
 */
export class S3EvidenceStore extends EvidenceStore {
  private readonly endpoint: URL;
  private readonly prefix: string;
  private readonly timeoutMs: number;

  constructor(
    private readonly settings: S3Settings,
    options: S3EvidenceStoreOptions = {},
  ) {
    super();
    this.endpoint = new URL(settings.endpoint);
    this.endpoint.username = '';
    this.endpoint.password = '';
    this.prefix = (options.prefix ?? 'evidence').replace(/^\/+|\/+$/g, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** Where the store is, for messages: `http://host:port/bucket`. */
  get location(): string {
    return `${this.endpoint.origin}${this.endpoint.pathname.replace(/\/+$/, '')}/${this.settings.bucket}`;
  }

  private keyOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new RangeError('sha256 must be 64 lowercase hex digits');
    return this.prefix ? `${this.prefix}/${sha256}` : sha256;
  }

  async put(sha256: string, bytes: Buffer): Promise<void> {
    const key = this.keyOf(sha256);
    const payloadSha256 = createHash('sha256').update(bytes).digest('hex');
    if (payloadSha256 !== sha256) throw new RangeError('the bytes do not have the given sha256');
    if (await this.has(sha256)) return;
    const response = await this.send({ method: 'PUT', key, body: bytes, payloadSha256 });
    if (!response.ok) throw await this.refused('store', sha256, response);
    await response.body?.cancel();
  }

  async has(sha256: string): Promise<boolean> {
    const response = await this.send({ method: 'HEAD', key: this.keyOf(sha256) });
    if (response.status === 200) return true;
    if (response.status === 404) return false;
    throw await this.refused('look up', sha256, response);
  }

  async open(sha256: string): Promise<Readable> {
    const response = await this.send({ method: 'GET', key: this.keyOf(sha256) });
    if (response.status === 404) {
      // Only NoSuchKey means "not stored": a missing bucket, or an unknown access key on some
      // servers (versitygw: XAdminUserNotFound), also answer 404.
      const code = await s3ErrorCode(response);
      if (code !== undefined && code !== 'NoSuchKey')
        throw await this.refused('read', sha256, response, code);
      throw new DomainError(
        ErrorCode.NotFound,
        `evidence ${sha256} is not in the evidence store (${this.location})`,
      );
    }
    if (response.status !== 200 || !response.body) throw await this.refused('read', sha256, response);
    return Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  }

  /**
   * Creates the bucket (PUT Bucket); a bucket this account already owns is fine. For set-up and
   * tests: the service itself expects the bucket to exist.
   */
  async createBucket(): Promise<void> {
    const region = this.settings.region;
    const body =
      region === 'us-east-1'
        ? undefined
        : Buffer.from(
            '<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
              `<LocationConstraint>${region}</LocationConstraint></CreateBucketConfiguration>`,
          );
    const response = await this.send({
      method: 'PUT',
      body,
      payloadSha256: createHash('sha256')
        .update(body ?? Buffer.alloc(0))
        .digest('hex'),
    });
    if (response.ok) {
      await response.body?.cancel();
      return;
    }
    const code = await s3ErrorCode(response);
    if (response.status === 409 && code === 'BucketAlreadyOwnedByYou') return;
    throw await this.refused('create', '', response, code);
  }

  private async send(request: SignedRequest): Promise<Response> {
    const url = this.urlOf(request.key);
    const payloadSha256 = request.payloadSha256 ?? EMPTY_SHA256;
    const headers = signV4({
      method: request.method,
      url,
      payloadSha256,
      region: this.settings.region,
      accessKeyId: this.settings.accessKeyId,
      secretAccessKey: this.settings.secretAccessKey,
      now: new Date(),
    });
    if (request.body) headers['content-type'] = 'application/octet-stream';
    // Uploads get extra time for their bytes (at least 1 MB/s); downloads stream after the headers.
    const timeoutMs = this.timeoutMs + Math.ceil((request.body?.length ?? 0) / 1000);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      return await fetch(url, {
        method: request.method,
        headers,
        body: request.body ? new Uint8Array(request.body) : undefined,
        signal: controller.signal,
      });
    } catch (error) {
      const reason = controller.signal.aborted ? `no answer within ${timeoutMs} ms` : causeOf(error);
      throw new DomainError(
        ErrorCode.Unavailable,
        `the evidence store (${this.location}) is not reachable: ${reason}`,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  private urlOf(key: string | undefined): URL {
    const base = this.endpoint.pathname.replace(/\/+$/, '');
    const segments = [this.settings.bucket, ...(key === undefined ? [] : key.split('/'))];
    const url = new URL(this.endpoint.origin);
    url.pathname = `${base}/${segments.map(encodeRfc3986).join('/')}`;
    return url;
  }

  /** The store answered, but not as hoped: 503 when it is failing (5xx), 502 when it refused. */
  private async refused(
    action: string,
    sha256: string,
    response: Response,
    knownCode?: string,
  ): Promise<DomainError> {
    const code = knownCode ?? (await s3ErrorCode(response));
    const what = sha256 ? `evidence ${sha256}` : `bucket ${this.settings.bucket}`;
    const hint =
      response.status === 403 || (code !== undefined && CREDENTIAL_ERRORS.includes(code))
        ? ' (are LISTS_S3_ACCESS_KEY_ID / LISTS_S3_SECRET_ACCESS_KEY right, and may they use the bucket?)'
        : code === 'NoSuchBucket'
          ? ` (bucket ${this.settings.bucket} does not exist)`
          : '';
    return new DomainError(
      response.status >= 500 ? ErrorCode.Unavailable : ErrorCode.UpstreamFailed,
      `the evidence store (${this.location}) could not ${action} ${what}: ` +
        `${response.status} ${code ?? response.statusText}${hint}`,
    );
  }
}

/** The `<Code>` of an S3 XML error body (HEAD answers have none); the body is consumed. */
async function s3ErrorCode(response: Response): Promise<string | undefined> {
  try {
    const text = await response.text();
    return /<Code>([A-Za-z0-9.]{1,64})<\/Code>/.exec(text)?.[1];
  } catch {
    return undefined;
  }
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** RFC 3986 percent-encoding of one path segment, as SigV4 expects (unreserved characters kept). */
function encodeRfc3986(segment: string): string {
  return encodeURIComponent(segment).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function hmac(key: Buffer | string, text: string): Buffer {
  return createHmac('sha256', key).update(text, 'utf8').digest();
}

export interface SignV4Input {
  method: string;
  url: URL;
  payloadSha256: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  now: Date;
  service?: string;
}

/**
 * AWS Signature Version 4 headers (`authorization`, `x-amz-date`, `x-amz-content-sha256`) for a
 * request whose signed headers are host, x-amz-content-sha256 and x-amz-date. The URL's path must
 * already be URI-encoded once (S3 does not encode it twice); query parameters are sorted here.
 */
export function signV4(input: SignV4Input): Record<string, string> {
  const service = input.service ?? 's3';
  const amzDate = input.now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const query = [...input.url.searchParams.entries()]
    .map(([k, v]) => [encodeRfc3986(k), encodeRfc3986(v)])
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const signedHeaders = 'host;x-amz-content-sha256;x-amz-date';
  const canonicalRequest = [
    input.method,
    input.url.pathname || '/',
    query,
    `host:${input.url.host}\nx-amz-content-sha256:${input.payloadSha256}\nx-amz-date:${amzDate}\n`,
    signedHeaders,
    input.payloadSha256,
  ].join('\n');
  const scope = `${day}/${input.region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${input.secretAccessKey}`, day), input.region), service),
    'aws4_request',
  );
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return {
    authorization: `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    'x-amz-date': amzDate,
    'x-amz-content-sha256': input.payloadSha256,
  };
}

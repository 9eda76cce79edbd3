import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { ConfigError } from '@dutychain/config';
import { DomainError, httpStatusOf } from '@dutychain/http';
import { S3EvidenceStore, signV4 } from '../src/duty-records/s3-evidence-store';
import { ListsConfig } from '../src/lists.config';
import type { ListsTestEnv } from './support/lists-test-env';
import { startListsTestEnv } from './support/lists-test-env';

/** The local S3 server of deploy/local/s3.sh (versitygw); defaults as in deploy/local/env.sh. */
const S3 = {
  endpoint: process.env.S3_ENDPOINT ?? `http://127.0.0.1:${process.env.S3_PORT ?? '9000'}`,
  region: process.env.S3_REGION ?? 'us-east-1',
  accessKeyId: process.env.S3_ACCESS_KEY_ID ?? 'dutychain',
  secretAccessKey: process.env.S3_SECRET_ACCESS_KEY ?? 'dutychain-local-s3-secret',
};
const RUN = `${process.pid}-${Date.now().toString(36)}`;

const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function errorOf(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

/** A signed request outside the store (what the store does not offer: DELETE, raw HEAD). */
async function signedFetch(method: string, objectPath: string): Promise<Response> {
  const url = new URL(`${S3.endpoint.replace(/\/+$/, '')}/${objectPath}`);
  const headers = signV4({
    method,
    url,
    payloadSha256: sha256(Buffer.alloc(0)),
    region: S3.region,
    accessKeyId: S3.accessKeyId,
    secretAccessKey: S3.secretAccessKey,
    now: new Date(),
  });
  return fetch(url, { method, headers });
}

/** A bucket of this run, created through the store; removed with its objects at the end. */
async function createRunBucket(name: string): Promise<{ store: S3EvidenceStore; drop(): Promise<void> }> {
  const store = new S3EvidenceStore({ ...S3, bucket: name });
  await store.createBucket().catch((error: unknown) => {
    throw new Error(
      `the local S3 server at ${S3.endpoint} is needed (bash deploy/local/stack.sh start): ${String(error)}`,
    );
  });
  return {
    store,
    async drop() {
      const listing = await (await signedFetch('GET', `${name}?list-type=2`)).text();
      for (const [, key] of listing.matchAll(/<Key>([^<]+)<\/Key>/g))
        await signedFetch('DELETE', `${name}/${key}`);
      await signedFetch('DELETE', name);
    },
  };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('S3 signing (AWS Signature Version 4)', () => {
  const example = {
    method: 'GET',
    payloadSha256: sha256(Buffer.alloc(0)),
    region: 'us-east-1',
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    now: new Date('2013-05-24T00:00:00Z'),
  };

  it('signs exactly like the examples of the AWS S3 documentation', () => {
    const lifecycle = signV4({
      ...example,
      url: new URL('https://examplebucket.s3.amazonaws.com/?lifecycle'),
    });
    expect(lifecycle).toEqual({
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;x-amz-content-sha256;x-amz-date, ' +
        'Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543',
      'x-amz-date': '20130524T000000Z',
      'x-amz-content-sha256': example.payloadSha256,
    });
    const listing = signV4({
      ...example,
      url: new URL('https://examplebucket.s3.amazonaws.com/?prefix=J&max-keys=2'),
    });
    expect(listing.authorization).toMatch(
      /Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7$/,
    );
  });
});

describe('LISTS_EVIDENCE_STORE=s3 configuration', () => {
  const base = { NODE_ENV: 'test', DUTYCHAIN_SERVICE_API_KEY: 'k'.repeat(40), LISTS_EVIDENCE_STORE: 's3' };

  it('names every missing S3 variable at start-up', () => {
    let error: unknown;
    try {
      ListsConfig.fromEnv(base);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual(
      expect.arrayContaining([
        'LISTS_S3_ENDPOINT is required',
        'LISTS_S3_BUCKET is required',
        'LISTS_S3_ACCESS_KEY_ID is required',
        'LISTS_S3_SECRET_ACCESS_KEY is required',
      ]),
    );
    expect((error as ConfigError).problems).toHaveLength(4);
  });

  it('refuses a bad endpoint and bucket without echoing the secret', () => {
    const secret = 'very-secret-value-that-must-not-leak';
    let message = '';
    try {
      ListsConfig.fromEnv({
        ...base,
        LISTS_S3_ENDPOINT: 'ftp://store.example',
        LISTS_S3_BUCKET: 'Evidence_Bucket',
        LISTS_S3_ACCESS_KEY_ID: 'key',
        LISTS_S3_SECRET_ACCESS_KEY: secret,
      });
    } catch (caught) {
      message = (caught as Error).message;
    }
    expect(message).toContain('LISTS_S3_ENDPOINT must use http: or https:');
    expect(message).toContain('LISTS_S3_BUCKET must be an S3 bucket name');
    expect(message).not.toContain(secret);
  });

  it('accepts a complete S3 configuration (the old "not implemented" refusal is gone)', () => {
    const config = ListsConfig.fromEnv({
      ...base,
      LISTS_S3_ENDPOINT: S3.endpoint,
      LISTS_S3_BUCKET: 'dutychain-evidence',
      LISTS_S3_ACCESS_KEY_ID: S3.accessKeyId,
      LISTS_S3_SECRET_ACCESS_KEY: S3.secretAccessKey,
    });
    expect(config.evidenceStore).toBe('s3');
    expect(config.s3).toEqual({
      endpoint: S3.endpoint,
      region: 'us-east-1',
      bucket: 'dutychain-evidence',
      accessKeyId: S3.accessKeyId,
      secretAccessKey: S3.secretAccessKey,
    });
  });
});

describe('S3EvidenceStore against the local S3 server (versitygw)', () => {
  const bucketName = `dutychain-test-${RUN}`;
  let bucket: Awaited<ReturnType<typeof createRunBucket>>;
  let store: S3EvidenceStore;

  beforeAll(async () => {
    bucket = await createRunBucket(bucketName);
    store = bucket.store;
  });
  afterAll(async () => {
    await bucket?.drop();
  });

  it('stores, finds and reads back the bytes under evidence/<sha256>', async () => {
    const bytes = Buffer.concat([
      Buffer.from('%PDF-1.4\n谈话记录：与区教育局党组书记廉政谈话\n'),
      Buffer.from([0, 255, 1, 254]),
    ]);
    const sha = sha256(bytes);
    expect(await store.has(sha)).toBe(false);
    await store.put(sha, bytes);
    expect(await store.has(sha)).toBe(true);
    expect((await readAll(await store.open(sha))).equals(bytes)).toBe(true);
    const raw = await signedFetch('HEAD', `${bucketName}/evidence/${sha}`);
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-length')).toBe(String(bytes.length));
  });

  it('is idempotent: the same bytes again leave the stored object as it was', async () => {
    const bytes = Buffer.from('履责纪实 — 同一份证据上传两次');
    const sha = sha256(bytes);
    await store.put(sha, bytes);
    const first = await signedFetch('HEAD', `${bucketName}/evidence/${sha}`);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await store.put(sha, bytes);
    const second = await signedFetch('HEAD', `${bucketName}/evidence/${sha}`);
    expect(second.headers.get('last-modified')).toBe(first.headers.get('last-modified'));
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
  });

  it('refuses bytes that do not have the given sha256, storing nothing', async () => {
    const sha = sha256(Buffer.from('the real content'));
    await expect(store.put(sha, Buffer.from('something else'))).rejects.toThrow(
      'the bytes do not have the given sha256',
    );
    expect(await store.has(sha)).toBe(false);
    await expect(store.has('not-a-sha')).rejects.toThrow(RangeError);
  });

  it('answers 404 for evidence that is not stored', async () => {
    const missing = await errorOf(store.open(sha256(Buffer.from('never stored'))));
    expect(httpStatusOf(missing.code)).toBe(404);
    expect(missing.message).toMatch(/^evidence [0-9a-f]{64} is not in the evidence store/);
  });

  it('fails clearly, without the secret, when the credentials are wrong', async () => {
    const secret = 'wrong-secret-never-shown';
    const wrong = new S3EvidenceStore({ ...S3, bucket: bucketName, secretAccessKey: secret });
    const bytes = Buffer.from('证据');
    for (const attempt of [
      wrong.has(sha256(bytes)),
      wrong.put(sha256(bytes), bytes),
      wrong.open(sha256(bytes)),
    ]) {
      const error = await errorOf(attempt);
      expect(httpStatusOf(error.code)).toBe(502);
      expect(error.message).toContain(`the evidence store (${S3.endpoint}/${bucketName})`);
      expect(error.message).toContain('403');
      expect(error.message).toContain('LISTS_S3_ACCESS_KEY_ID / LISTS_S3_SECRET_ACCESS_KEY');
      expect(error.message).not.toContain(secret);
    }
    const unknownKey = await errorOf(
      new S3EvidenceStore({ ...S3, bucket: bucketName, accessKeyId: 'nobody' }).open(sha256(bytes)),
    );
    // AWS answers 403 InvalidAccessKeyId, versitygw 404 XAdminUserNotFound: never "not stored".
    expect(httpStatusOf(unknownKey.code)).toBe(502);
    expect(unknownKey.message).toMatch(/(403 InvalidAccessKeyId|404 XAdminUserNotFound)/);
    expect(unknownKey.message).toContain('LISTS_S3_ACCESS_KEY_ID / LISTS_S3_SECRET_ACCESS_KEY');
    expect(unknownKey.message).not.toContain(S3.secretAccessKey);
    expect(await store.has(sha256(bytes))).toBe(false);
  });

  it('names a missing bucket', async () => {
    const other = new S3EvidenceStore({ ...S3, bucket: `dutychain-missing-${RUN}` });
    const bytes = Buffer.from('证据');
    const error = await errorOf(other.put(sha256(bytes), bytes));
    expect(httpStatusOf(error.code)).toBe(502);
    expect(error.message).toContain(`404 NoSuchBucket (bucket dutychain-missing-${RUN} does not exist)`);
  });

  it('answers 503 when the store cannot be reached', async () => {
    const port = await closedPort();
    const away = new S3EvidenceStore({ ...S3, endpoint: `http://127.0.0.1:${port}`, bucket: bucketName });
    const error = await errorOf(away.has(sha256(Buffer.from('x'))));
    expect(httpStatusOf(error.code)).toBe(503);
    expect(error.message).toBe(
      `the evidence store (http://127.0.0.1:${port}/${bucketName}) is not reachable: ECONNREFUSED`,
    );
  });
});

describe('the lists API keeping evidence in S3 (real Postgres, org, Temporal, S3)', () => {
  const bucketName = `dutychain-lists-${RUN}`;
  let bucket: Awaited<ReturnType<typeof createRunBucket>>;
  let t: ListsTestEnv;

  beforeAll(async () => {
    bucket = await createRunBucket(bucketName);
    t = await startListsTestEnv({
      LISTS_EVIDENCE_STORE: 's3',
      LISTS_S3_ENDPOINT: S3.endpoint,
      LISTS_S3_REGION: S3.region,
      LISTS_S3_BUCKET: bucketName,
      LISTS_S3_ACCESS_KEY_ID: S3.accessKeyId,
      LISTS_S3_SECRET_ACCESS_KEY: S3.secretAccessKey,
    });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await bucket?.drop();
  });

  it('uploads, deduplicates and downloads evidence with a Chinese file name', async () => {
    const member = await t.token('P-M2', 'DC', ['leader']);
    const staff = await t.token('P-NEW', 'DC', ['committeeStaff']);
    const record = await t.http().post('/duty-records').set(member).send({
      unitId: t.units.DC,
      kind: 'talk',
      occurredOn: '2025-04-10',
      title: '与区卫健委党组书记开展廉政谈话',
      content: '提醒其在医疗设备采购中严守纪律',
    });
    expect(record.status).toBe(201);
    const pdf = Buffer.from('%PDF-1.4\n廉政谈话记录（S3）\n%%EOF\n');
    const sha = sha256(pdf);
    const added = await t
      .http()
      .post(`/duty-records/${record.body.id}/evidence`)
      .set(member)
      .attach('file', pdf, { filename: '廉政谈话记录.pdf', contentType: 'application/pdf' });
    expect(added.status).toBe(201);
    expect(added.body.evidence).toEqual([
      expect.objectContaining({ sha256: sha, size: pdf.length, fileName: '廉政谈话记录.pdf' }),
    ]);
    expect(await bucket.store.has(sha)).toBe(true);
    expect(existsSync(path.join(t.evidenceDir, sha.slice(0, 2), sha))).toBe(false);
    const again = await t
      .http()
      .post(`/duty-records/${record.body.id}/evidence`)
      .set(member)
      .attach('file', pdf, { filename: '副本.pdf', contentType: 'application/pdf' });
    expect(again.status).toBe(201);
    expect(again.body.evidence).toHaveLength(1);

    const download = await t
      .http()
      .get(`/duty-records/${record.body.id}/evidence/${added.body.evidence[0].id}`)
      .set(staff)
      .buffer(true)
      .parse(binary);
    expect(download.status).toBe(200);
    expect(download.headers['x-content-sha256']).toBe(sha);
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('廉政谈话记录.pdf')}`,
    );
    expect((download.body as Buffer).equals(pdf)).toBe(true);
  });
});

import { createReadStream } from 'node:fs';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where evidence files live, content-addressed by sha256: the same bytes are stored once however
 * many records cite them. Implementations: LocalDiskEvidenceStore (default) and S3EvidenceStore
 * (s3-evidence-store.ts: PUT/HEAD/GET of `evidence/<sha256>` on an S3-compatible server); see README.
 */
export abstract class EvidenceStore {
  /** Stores the bytes under their sha256 (a no-op when they are already there). */
  abstract put(sha256: string, bytes: Buffer): Promise<void>;
  abstract has(sha256: string): Promise<boolean>;
  /** The stored bytes as a stream. */
  abstract open(sha256: string): Promise<Readable>;
}

/** Files under a directory, `<dir>/<first two hex digits>/<sha256>`, written atomically. */
export class LocalDiskEvidenceStore extends EvidenceStore {
  constructor(private readonly dir: string) {
    super();
  }

  private fileOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new RangeError('sha256 must be 64 lowercase hex digits');
    return path.join(this.dir, sha256.slice(0, 2), sha256);
  }

  async put(sha256: string, bytes: Buffer): Promise<void> {
    if (await this.has(sha256)) return;
    const file = this.fileOf(sha256);
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, file);
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.fileOf(sha256))).isFile();
    } catch {
      return false;
    }
  }

  open(sha256: string): Promise<Readable> {
    return Promise.resolve(createReadStream(this.fileOf(sha256)));
  }
}

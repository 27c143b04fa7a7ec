import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { FileStore, ListedFile } from '@/core/ports';
import { isStorageKey } from './disk-store';

export interface S3Settings {
  bucket: string;
  /** An S3-compatible endpoint (MinIO, Ceph, R2…); null for AWS itself. */
  endpoint: string | null;
  region: string;
  forcePathStyle: boolean;
}

/**
 * Uploaded files in an S3-compatible bucket. Credentials come from the SDK's usual chain
 * (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile, or the instance's role) — never from our config.
 */
const PREFIX = 'attachments/';

export class S3FileStore implements FileStore {
  private readonly client: S3Client;

  constructor(private readonly settings: S3Settings) {
    this.client = new S3Client({
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    });
  }

  private keyOf(key: string): string {
    if (!isStorageKey(key)) throw new Error('Not a storage key');
    return `${PREFIX}${key.slice(0, 2)}/${key}`;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(key), Body: bytes, ContentType: 'application/octet-stream' }),
    );
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(key) }));
      return object.Body ? await object.Body.transformToByteArray() : null;
    } catch (error) {
      if (error instanceof NoSuchKey) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(key) }));
  }

  /** The stored files written before `olderThan` (the object's LastModified), a page of the bucket's listing at a time. */
  async *list(olderThan: Date): AsyncIterable<ListedFile> {
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.settings.bucket, Prefix: PREFIX, ...(token ? { ContinuationToken: token } : {}) }));
      for (const object of page.Contents ?? []) {
        const key = object.Key?.slice(object.Key.lastIndexOf('/') + 1) ?? '';
        // Only its own keys, where it puts them.
        if (!isStorageKey(key) || object.Key !== this.keyOf(key) || !object.LastModified) continue;
        if (object.LastModified < olderThan) yield { key, modifiedAt: object.LastModified };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  destroy(): void {
    this.client.destroy();
  }
}

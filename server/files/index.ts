import type { FileStore, ListedFile } from '@/core/ports';
import type { ServerConfig } from '../config';
import { DiskFileStore } from './disk-store';
import type { S3FileStore, S3Settings } from './s3-store';

export { newStorageKey } from './disk-store';

/** S3-compatible storage when S3_BUCKET is set, else the local folder FILES_DIR. */
export function fileStoreFor(config: Pick<ServerConfig, 's3' | 'filesDir'>): FileStore & { kind: 'disk' | 's3' } {
  if (config.s3) return Object.assign(new LazyS3FileStore(config.s3), { kind: 's3' as const });
  return Object.assign(new DiskFileStore(config.filesDir), { kind: 'disk' as const });
}

/**
 * The S3 store, with the AWS SDK loaded on first use: a server that stores its files on disk never loads it, and
 * one on S3 loads it with its first file (issue 21.9: the SDK's code is a few MB of every process's heap).
 */
class LazyS3FileStore implements FileStore {
  private store: Promise<S3FileStore> | undefined;

  constructor(private readonly settings: S3Settings) {}

  private s3(): Promise<S3FileStore> {
    return (this.store ??= import('./s3-store').then(({ S3FileStore }) => new S3FileStore(this.settings)));
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    await (await this.s3()).put(key, bytes);
  }

  async get(key: string): Promise<Uint8Array | null> {
    return (await this.s3()).get(key);
  }

  async delete(key: string): Promise<void> {
    await (await this.s3()).delete(key);
  }

  async *list(olderThan: Date): AsyncIterable<ListedFile> {
    yield* (await this.s3()).list(olderThan);
  }
}

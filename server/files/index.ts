import type { FileStore } from '@/core/ports';
import type { ServerConfig } from '../config';
import { DiskFileStore } from './disk-store';
import { S3FileStore } from './s3-store';

export { newStorageKey } from './disk-store';

/** S3-compatible storage when S3_BUCKET is set, else the local folder FILES_DIR. */
export function fileStoreFor(config: Pick<ServerConfig, 's3' | 'filesDir'>): FileStore & { kind: 'disk' | 's3' } {
  if (config.s3) return Object.assign(new S3FileStore(config.s3), { kind: 's3' as const });
  return Object.assign(new DiskFileStore(config.filesDir), { kind: 'disk' as const });
}

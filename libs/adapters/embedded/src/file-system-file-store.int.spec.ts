import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileStoreFeatures } from '@kesu/testing';
import { FileSystemFileStore } from './file-system-file-store';

fileStoreFeatures('FileSystemFileStore', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kesu-files-'));
  return {
    store: new FileSystemFileStore(dir),
    restart: async () => new FileSystemFileStore(dir),
    close: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { type FileStore, isSha256 } from '@kesu/ports';

/**
 * Files under a folder (`<dir>/<tenant>/<first two hex digits>/<sha256>`), written to a temporary name
 * and renamed, so a reader never sees half a file.
 */
export class FileSystemFileStore implements FileStore {
  constructor(private readonly dir: string) {}

  async put(tenantId: string, sha256: string, content: Uint8Array): Promise<void> {
    const path = this.pathOf(tenantId, sha256);
    if (await exists(path)) return;
    await mkdir(join(path, '..'), { recursive: true });
    const temporary = `${path}.${randomUUID()}.tmp`;
    await writeFile(temporary, content);
    await rename(temporary, path);
  }

  async get(tenantId: string, sha256: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await readFile(this.pathOf(tenantId, sha256)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** Where the file of a hash lies (tenant ids are encoded, hashes checked, so no path leaves the folder). */
  pathOf(tenantId: string, sha256: string): string {
    if (!isSha256(sha256)) throw new Error(`not a SHA-256 hash: ${sha256}`);
    return join(this.dir, encodeURIComponent(tenantId), sha256.slice(0, 2), sha256);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

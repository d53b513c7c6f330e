import { createHash, randomUUID } from 'node:crypto';
import type { FileStore } from '@kesu/ports';

/** A file store under test, with a way to reopen it on the same data. */
export interface FileStoreHarness {
  readonly store: FileStore;
  /** Closes the store and opens a new one on the same data. */
  restart(): Promise<FileStore>;
  close(): Promise<void>;
}

const sha256 = (content: Uint8Array) => createHash('sha256').update(content).digest('hex');

/** The file store contract (content-addressed evidence files), run against every adapter. */
export function fileStoreFeatures(name: string, factory: () => Promise<FileStoreHarness>): void {
  describe(`${name}: file store contract`, () => {
    const tenant = `tenant-${randomUUID()}`;
    const content = () => new Uint8Array(Buffer.from(`evidence ${randomUUID()}`));
    let harness: FileStoreHarness | undefined;
    let store: FileStore;

    beforeEach(async () => {
      harness = await factory();
      store = harness.store;
    });
    afterEach(() => harness?.close());

    it('returns the content stored under its hash, and null for a hash never stored', async () => {
      const file = content();
      expect(await store.get(tenant, sha256(file))).toBeNull();
      await store.put(tenant, sha256(file), file, 'text/plain');
      expect(Buffer.from((await store.get(tenant, sha256(file)))!)).toEqual(Buffer.from(file));
    });

    it('stores the same content twice as once', async () => {
      const file = content();
      await Promise.all([
        store.put(tenant, sha256(file), file, 'text/plain'),
        store.put(tenant, sha256(file), file, 'text/plain'),
      ]);
      await store.put(tenant, sha256(file), file, 'text/plain');
      expect(Buffer.from((await store.get(tenant, sha256(file)))!)).toEqual(Buffer.from(file));
    });

    it('keeps each tenant’s files apart', async () => {
      const file = content();
      await store.put(tenant, sha256(file), file, 'text/plain');
      expect(await store.get(`other-${tenant}`, sha256(file))).toBeNull();
    });

    it('keeps a large file whole', async () => {
      const file = new Uint8Array(600_000).map((_, i) => i % 251);
      await store.put(tenant, sha256(file), file, 'application/octet-stream');
      const read = await store.get(tenant, sha256(file));
      expect(sha256(read!)).toBe(sha256(file));
    });

    it('keeps the files across a restart', async () => {
      const file = content();
      await store.put(tenant, sha256(file), file, 'text/plain');
      store = await harness!.restart();
      expect(Buffer.from((await store.get(tenant, sha256(file)))!)).toEqual(Buffer.from(file));
    });

    it('refuses a name that is not a SHA-256 hash', async () => {
      await expect(store.put(tenant, '../../etc/passwd', content(), 'text/plain')).rejects.toThrow();
    });
  });
}

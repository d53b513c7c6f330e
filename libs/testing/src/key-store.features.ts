import { randomUUID } from 'node:crypto';
import { KeyErasedError, type KeyStore } from '@kesu/ports';

/** A key store under test, with a way to reopen it on the same data. */
export interface KeyStoreHarness {
  readonly store: KeyStore;
  /** Closes the store and opens a new one on the same data. */
  restart(): Promise<KeyStore>;
  /** Closes the current store (the reopened one after a restart). */
  close(): Promise<void>;
}

/** The key store contract (crypto-shredding keys), run against every adapter. */
export function keyStoreFeatures(name: string, factory: () => Promise<KeyStoreHarness>): void {
  describe(`${name}: key store contract`, () => {
    const tenant = `tenant-${randomUUID()}`;
    const subject = () => `person-${randomUUID()}`;
    let harness: KeyStoreHarness | undefined;
    let store: KeyStore;

    beforeEach(async () => {
      harness = await factory();
      store = harness.store;
    });
    afterEach(() => harness?.close());

    it('creates a 256-bit key on first use and returns the same key afterwards', async () => {
      const person = subject();
      expect(await store.get(tenant, person)).toBeNull();
      const key = await store.getOrCreate(tenant, person);
      expect(key).toBeInstanceOf(Uint8Array);
      expect(key).toHaveLength(32);
      expect(Buffer.from(await store.getOrCreate(tenant, person))).toEqual(Buffer.from(key));
      expect(Buffer.from((await store.get(tenant, person))!)).toEqual(Buffer.from(key));
    });

    it('keeps one key per tenant and subject', async () => {
      const person = subject();
      const [a, b, c] = await Promise.all([
        store.getOrCreate(tenant, person),
        store.getOrCreate(`${tenant}-other`, person),
        store.getOrCreate(tenant, subject()),
      ]);
      expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
      expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
    });

    it('gives concurrent first callers the same key', async () => {
      const person = subject();
      const keys = await Promise.all(Array.from({ length: 5 }, () => store.getOrCreate(tenant, person)));
      for (const key of keys) expect(Buffer.from(key)).toEqual(Buffer.from(keys[0]!));
    });

    it('erases a key for good, and only that key', async () => {
      const [person, neighbour] = [subject(), subject()];
      await store.getOrCreate(tenant, person);
      const kept = await store.getOrCreate(tenant, neighbour);
      expect(await store.erase(tenant, person)).toBe(true);
      expect(await store.get(tenant, person)).toBeNull();
      await expect(store.getOrCreate(tenant, person)).rejects.toBeInstanceOf(KeyErasedError);
      await expect(store.getOrCreate(tenant, person)).rejects.toMatchObject({ subjectId: person });
      expect(await store.erase(tenant, person)).toBe(false);
      expect(Buffer.from((await store.get(tenant, neighbour))!)).toEqual(Buffer.from(kept));
    });

    it('reports false when erasing a key that never existed', async () => {
      expect(await store.erase(tenant, subject())).toBe(false);
    });

    it('keeps keys and erasures when reopened', async () => {
      const [person, erased] = [subject(), subject()];
      const key = await store.getOrCreate(tenant, person);
      await store.getOrCreate(tenant, erased);
      await store.erase(tenant, erased);
      store = await harness!.restart();
      expect(Buffer.from((await store.get(tenant, person))!)).toEqual(Buffer.from(key));
      expect(await store.get(tenant, erased)).toBeNull();
      await expect(store.getOrCreate(tenant, erased)).rejects.toBeInstanceOf(KeyErasedError);
    });
  });
}

/**
 * Per-person data keys for crypto-shredding: personal data in events is sealed with its subject's
 * key; erasing the key makes that data unreadable everywhere, while the events and hashes stay.
 */
export interface KeyStore {
  /** The subject's key, created on first use. Rejects with KeyErasedError after erasure. */
  getOrCreate(tenantId: string, subjectId: string): Promise<Uint8Array>;
  /** The subject's key, or null when it never existed or was erased. */
  get(tenantId: string, subjectId: string): Promise<Uint8Array | null>;
  /** Destroys the key for good; returns false when there was none. */
  erase(tenantId: string, subjectId: string): Promise<boolean>;
}

export class KeyErasedError extends Error {
  constructor(readonly subjectId: string) {
    super(`the data key of ${subjectId} was erased`);
    this.name = 'KeyErasedError';
  }
}

/**
 * The storage has no room left for a write (a full disk, a quota reached). Nothing of the write was
 * kept; reads go on, and writes succeed again once space returns. Adapters translate their engine's
 * own error into this one.
 */
export class StorageFullError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('the storage is full: nothing was written', options);
    this.name = 'StorageFullError';
  }
}

/**
 * Files kept by their SHA-256 content hash (evidence: photos, recordings, scanned letters), per
 * tenant. The hash is the file's name, so storing the same content twice stores it once; whoever
 * reads a file checks it against its hash, since the store itself does not.
 */
export interface FileStore {
  /** Stores the content under its hash (hex, lower case); nothing changes when it is there already. */
  put(tenantId: string, sha256: string, content: Uint8Array, mediaType: string): Promise<void>;
  /** The content stored under the hash, or null when there is none. */
  get(tenantId: string, sha256: string): Promise<Uint8Array | null>;
}

/** Whether a text is a SHA-256 hash as the file store names files by (64 lower-case hex digits). */
export const isSha256 = (text: string): boolean => /^[0-9a-f]{64}$/.test(text);

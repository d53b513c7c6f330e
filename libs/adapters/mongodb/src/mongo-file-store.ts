import { type Db, GridFSBucket } from 'mongodb';
import { type FileStore, isSha256 } from '@kesu/ports';

/** The GridFS bucket evidence files are kept in. */
export const FILE_BUCKET = 'files';

/**
 * Files in MongoDB GridFS (bucket `files`), each named `<tenant>/<sha256>` with its tenant, hash and
 * media type as metadata. A second put of the same content finds the first and stores nothing.
 */
export class MongoFileStore implements FileStore {
  private readonly bucket: GridFSBucket;

  constructor(db: Db) {
    this.bucket = new GridFSBucket(db, { bucketName: FILE_BUCKET });
  }

  async put(tenantId: string, sha256: string, content: Uint8Array, mediaType: string): Promise<void> {
    const filename = fileNameOf(tenantId, sha256);
    if (await this.bucket.find({ filename }).limit(1).hasNext()) return;
    await new Promise<void>((resolve, reject) => {
      const upload = this.bucket.openUploadStream(filename, { metadata: { tenantId, sha256, mediaType } });
      upload.once('finish', () => resolve());
      upload.once('error', reject);
      upload.end(Buffer.from(content));
    });
  }

  async get(tenantId: string, sha256: string): Promise<Uint8Array | null> {
    const filename = fileNameOf(tenantId, sha256);
    const [file] = await this.bucket.find({ filename }).sort({ uploadDate: 1 }).limit(1).toArray();
    if (!file) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of this.bucket.openDownloadStream(file._id)) chunks.push(chunk as Buffer);
    return new Uint8Array(Buffer.concat(chunks));
  }
}

function fileNameOf(tenantId: string, sha256: string): string {
  if (!isSha256(sha256)) throw new Error(`not a SHA-256 hash: ${sha256}`);
  return `${tenantId}/${sha256}`;
}

import { createHash } from 'node:crypto';

const sha256 = (...parts: ReadonlyArray<string | Buffer>): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

/** The leaf hash of one line (RFC 6962: SHA-256 of 0x00 and the line's UTF-8 text). */
export const merkleLeaf = (line: string): Buffer => sha256(LEAF, line);

/**
 * A Merkle tree hash over lines as RFC 6962 (certificate transparency) defines it, built one leaf at
 * a time: it keeps one hash per set bit of the count, so memory stays logarithmic in the lines.
 */
export class MerkleAccumulator {
  /** Roots of perfect subtrees, largest first; `sizes[i]` leaves under `roots[i]`. */
  private readonly roots: Buffer[] = [];
  private readonly sizes: number[] = [];

  add(line: string): void {
    let hash = merkleLeaf(line);
    let size = 1;
    while (this.sizes.length > 0 && this.sizes.at(-1) === size) {
      hash = sha256(NODE, this.roots.pop()!, hash);
      size += this.sizes.pop()!;
    }
    this.roots.push(hash);
    this.sizes.push(size);
  }

  /** The tree hash (hex) of the lines added so far; of no lines, SHA-256 of the empty string. */
  root(): string {
    if (this.roots.length === 0) return sha256('').toString('hex');
    let hash = this.roots.at(-1)!;
    for (let i = this.roots.length - 2; i >= 0; i--) hash = sha256(NODE, this.roots[i]!, hash);
    return hash.toString('hex');
  }
}

/** SHA-256 (hex) of one line's UTF-8 text: what the next line names as `previousLine`. */
export const lineHash = (line: string): string => sha256(line).toString('hex');

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { canonicalJson } from './canonical-json';

const ALGORITHM = 'aes-256-gcm';
const PREFIX = 'pd1';

/**
 * Personal data sealed with a person's data key (AES-256-GCM, the subject id as associated data).
 * Events store only the sealed text; erasing the key erases the data and leaves the hash chain intact.
 */
export function sealPersonalData(key: Uint8Array, subjectId: string, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(subjectId, 'utf8'));
  const body = Buffer.concat([cipher.update(canonicalJson(value), 'utf8'), cipher.final()]);
  return [
    PREFIX,
    iv.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    body.toString('base64url'),
  ].join('.');
}

/** Opens sealed personal data; throws when the text was altered or the key is not the one it was sealed with. */
export function openPersonalData<T>(key: Uint8Array, subjectId: string, sealed: string): T {
  const [prefix, iv, tag, body] = sealed.split('.');
  if (prefix !== PREFIX || !iv || !tag || body === undefined) throw new Error('not sealed personal data');
  const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(subjectId, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
    'utf8',
  );
  return JSON.parse(text) as T;
}

/** A fresh 256-bit data key. */
export function newDataKey(): Uint8Array {
  return randomBytes(32);
}

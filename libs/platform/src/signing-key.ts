import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JWK,
} from 'jose';

/** The file in DATA_DIR that holds the demo signing key (a private JWK). */
export const DEMO_KEY_FILE = 'demo-signing-key.json';
export const DEMO_KEY_ALG = 'ES256';

/** The demo profile's ES256 key pair, shared by every process on the same DATA_DIR. */
export interface DemoSigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
}

/**
 * Loads the demo signing key from DATA_DIR, creating it on first use. Creation is atomic (written to
 * a private temp file, then hard-linked into place, which fails if another process won the race), so
 * concurrent processes end up with the same key. The file has mode 0600. With `:memory:` the key
 * lives only in this process.
 */
export async function loadOrCreateDemoSigningKey(dataDir: string): Promise<DemoSigningKey> {
  if (dataDir === ':memory:') return fromJwk(await newPrivateJwk());
  const file = join(dataDir, DEMO_KEY_FILE);
  const existing = await readKeyFile(file);
  if (existing) return fromJwk(existing);
  await mkdir(dataDir, { recursive: true });
  const temp = `${file}.${randomUUID()}.tmp`;
  await writeFile(temp, JSON.stringify(await newPrivateJwk()), { mode: 0o600, flush: true });
  try {
    await link(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  const stored = await readKeyFile(file);
  if (!stored) throw new Error(`the demo signing key ${file} vanished while it was being created`);
  return fromJwk(stored);
}

async function readKeyFile(file: string): Promise<JWK | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const jwk = JSON.parse(text) as JWK;
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d) throw new Error('not a P-256 private key');
    return jwk;
  } catch (error) {
    throw new Error(
      `the demo signing key ${file} is unreadable (${(error as Error).message}); delete it to make a new one`,
    );
  }
}

async function newPrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(DEMO_KEY_ALG, { extractable: true });
  return { ...(await exportJWK(privateKey)), alg: DEMO_KEY_ALG, use: 'sig' };
}

async function fromJwk(jwk: JWK): Promise<DemoSigningKey> {
  const { d: _d, ...publicJwk } = jwk;
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    kid,
    privateKey: (await importJWK(jwk, DEMO_KEY_ALG)) as CryptoKey,
    publicKey: (await importJWK(publicJwk, DEMO_KEY_ALG)) as CryptoKey,
  };
}

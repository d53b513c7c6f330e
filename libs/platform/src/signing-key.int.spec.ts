import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_KEY_FILE, loadOrCreateDemoSigningKey } from './signing-key';

describe('the demo signing key', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'kesu-key-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is created once, owner-only, and the same for concurrent loaders', async () => {
    const keys = await Promise.all(
      Array.from({ length: 5 }, () => loadOrCreateDemoSigningKey(join(dataDir, 'nested'))),
    );
    expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
    expect(statSync(join(dataDir, 'nested', DEMO_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect((await loadOrCreateDemoSigningKey(join(dataDir, 'nested'))).kid).toBe(keys[0]!.kid);
  });

  it('differs between data directories', async () => {
    const a = await loadOrCreateDemoSigningKey(join(dataDir, 'a'));
    const b = await loadOrCreateDemoSigningKey(join(dataDir, 'b'));
    expect(a.kid).not.toBe(b.kid);
  });
});

import { createEmbeddedStorage, type EmbeddedStorage } from '@kesu/adapter-embedded';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReferenceNumbers } from './reference-numbers';

describe('reference numbers', () => {
  let storage: EmbeddedStorage;
  const morning = new Date('2026-11-23T01:00:00Z');

  beforeEach(() => {
    storage = createEmbeddedStorage({ dataDir: mkdtempSync(join(tmpdir(), 'kesu-ref-')) });
  });
  afterEach(() => storage.close());

  it('numbers per tenant and local day, from 1', async () => {
    const numbers = new ReferenceNumbers(storage.documents, 'Asia/Shanghai');
    expect(await numbers.next('demo', morning)).toBe('KS-20261123-000001');
    expect(await numbers.next('demo', morning)).toBe('KS-20261123-000002');
    expect(await numbers.next('other', morning)).toBe('KS-20261123-000001');
    expect(await numbers.next('demo', new Date('2026-11-23T16:30:00Z'))).toBe('KS-20261124-000001');
  });

  it('never hands out a number twice, across processes and concurrent requests', async () => {
    const first = new ReferenceNumbers(storage.documents, 'Asia/Shanghai');
    const second = new ReferenceNumbers(storage.documents, 'Asia/Shanghai');
    const issued = await Promise.all(
      Array.from({ length: 300 }, (_, i) => (i % 2 ? first : second).next('demo', morning)),
    );
    expect(new Set(issued).size).toBe(300);
    const restarted = new ReferenceNumbers(storage.documents, 'Asia/Shanghai');
    expect(issued).not.toContain(await restarted.next('demo', morning));
  });
});

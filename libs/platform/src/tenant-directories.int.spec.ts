import { DEMO_DIRECTORY } from './demo-directory';
import { OrgDirectory } from './org-directory';
import { TenantDirectories } from './tenant-directories';
import { startTestApp, type TestApp } from './test-support';
import { DOCUMENT_STORE } from './tokens';
import type { DocumentStore } from '@kesu/ports';

/*
 * Tenants' directories between processes: published to the document store, loaded by every process
 * before it is ready, refreshed when their revision rises — and never overwritten by an older one.
 */

const published = (revision: number, extra: string) => ({
  ...DEMO_DIRECTORY,
  revision,
  users: [
    ...DEMO_DIRECTORY.users,
    {
      id: `user-${extra}`,
      username: extra,
      tenantId: 'demo',
      displayName: { zh: extra, en: extra },
      roles: ['handler'],
      branchScope: ['west-2'],
    },
  ],
});

describe('TenantDirectories', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await startTestApp({ relay: false, directories: [] });
    second = await startTestApp({
      relay: false,
      directories: [],
      dataDir: first.dataDir,
      directoryRefreshMs: 20,
    });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('publishes a directory that the publisher holds at once and another process within moments', async () => {
    await first.app.get(TenantDirectories).publish(published(5, 'wei'));
    expect(first.app.get(OrgDirectory).findUser('wei')?.id).toBe('user-wei');
    const other = second.app.get(OrgDirectory);
    for (let tries = 0; !other.findUser('wei') && tries < 100; tries++)
      await new Promise((r) => setTimeout(r, 20));
    expect(other.findUser('wei')?.branchScope).toEqual(['west-2']);
    expect(other.revisionOf('demo')).toBe(5);
  });

  it('never lets an older directory replace a newer one, stored or held', async () => {
    await first.app.get(TenantDirectories).publish(published(4, 'stale'));
    const stored = await first.app
      .get<DocumentStore>(DOCUMENT_STORE)
      .collection<{ _id: string; revision: number }>('platform_tenant_directories')
      .get('demo');
    expect(stored?.revision).toBe(5);
    expect(first.app.get(OrgDirectory).findUser('stale')).toBeUndefined();
  });

  it('loads every published directory before a new process is ready', async () => {
    const third = await startTestApp({ relay: false, directories: [], dataDir: first.dataDir });
    try {
      expect(third.app.get(OrgDirectory).findUser('wei')).toBeDefined();
      const ready = await third.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.json().checks.tenantDirectories).toBe('ok');
    } finally {
      await third.close();
    }
  });
});

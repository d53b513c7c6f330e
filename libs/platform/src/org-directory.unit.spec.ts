import { DEMO_DIRECTORY } from './demo-directory';
import { OrgDirectory } from './org-directory';
import type { Principal } from './principal';

const directory = new OrgDirectory([DEMO_DIRECTORY]);
const scoped = (...branchScope: string[]): Principal => ({
  tenantId: 'demo',
  userId: 'u',
  username: 'u',
  displayName: 'U',
  roles: [],
  branchScope,
});

describe('OrgDirectory', () => {
  it('knows the demo org tree with Chinese and English names', () => {
    expect(directory.units('demo').map((u) => u.id)).toEqual([
      'hq',
      'east',
      'west',
      'east-1',
      'east-2',
      'west-1',
      'west-2',
    ]);
    expect(directory.unit('demo', 'hq')?.name).toEqual({ zh: '总部', en: 'Headquarters' });
    expect(directory.unit('demo', 'east-1')?.parentId).toBe('east');
    expect(directory.units('other')).toEqual([]);
  });

  it('tells branches from other units and unknown ids', () => {
    expect(directory.branchExists('demo', 'west-2')).toBe(true);
    expect(directory.branchExists('demo', 'east')).toBe(false);
    expect(directory.branchExists('demo', 'north-1')).toBe(false);
    expect(directory.branchExists('other', 'west-2')).toBe(false);
  });

  it('lets a region cover its branches but not the other region', () => {
    const east = scoped('east');
    expect(directory.covers(east, 'east-1')).toBe(true);
    expect(directory.covers(east, 'east-2')).toBe(true);
    expect(directory.covers(east, 'west-1')).toBe(false);
    expect(directory.branchesWithin(east)).toEqual(['east-1', 'east-2']);
  });

  it('does not let a branch cover a sibling or its parent', () => {
    const branch = scoped('east-1');
    expect(directory.covers(branch, 'east-1')).toBe(true);
    expect(directory.covers(branch, 'east-2')).toBe(false);
    expect(directory.covers(branch, 'east')).toBe(false);
    expect(directory.branchesWithin(branch)).toEqual(['east-1']);
  });

  it('lets headquarters cover everything, and covers nothing unknown or in another tenant', () => {
    expect(directory.branchesWithin(scoped('hq'))).toEqual(['east-1', 'east-2', 'west-1', 'west-2']);
    expect(directory.covers(scoped('hq'), 'mars-1')).toBe(false);
    expect(directory.covers({ ...scoped('hq'), tenantId: 'other' }, 'east-1')).toBe(false);
  });

  it('reaches what lies in the caller’s tenant and a branch of their scope, nothing missing', () => {
    const east = scoped('east');
    expect(directory.reaches(east, { tenantId: 'demo', branchId: 'east-2' })).toBe(true);
    expect(directory.reaches(east, { tenantId: 'demo', branchId: 'west-1' })).toBe(false);
    expect(directory.reaches(east, { tenantId: 'other', branchId: 'east-2' })).toBe(false);
    expect(directory.reaches(scoped('hq'), undefined)).toBe(false);
    expect(directory.reaches(scoped('hq'), null)).toBe(false);
  });

  it('has the nine demo users, each acting as a principal', () => {
    expect(directory.principalOf('demo', 'supervisor1')).toEqual({
      tenantId: 'demo',
      userId: 'user-supervisor1',
      username: 'supervisor1',
      displayName: '刘洋',
      roles: ['supervisor'],
      branchScope: ['east'],
    });
    for (const name of [
      'admin',
      'agent1',
      'agent2',
      'handler1',
      'manager1',
      'director1',
      'analyst1',
      'regulator1',
    ]) {
      expect(directory.findUser(name)?.displayName.en).toBeTruthy();
    }
    expect(() => directory.principalOf('demo', 'nobody')).toThrow('no user nobody');
  });
});

describe('OrgDirectory holding published directories', () => {
  const published = (revision: number, names: string[]) => ({
    ...DEMO_DIRECTORY,
    revision,
    users: DEMO_DIRECTORY.users.filter((u) => names.includes(u.username)),
  });

  it('holds nothing in code: a directory of no tenant answers nothing', () => {
    const empty = new OrgDirectory();
    expect(empty.units('demo')).toEqual([]);
    expect(empty.findUser('admin')).toBeUndefined();
    expect(empty.tenant('demo')).toBeUndefined();
  });

  it('replaces a fixture by any published directory, and a directory only by a further one', () => {
    const held = new OrgDirectory([DEMO_DIRECTORY]);
    expect(held.revisionOf('demo')).toBe(-1);
    expect(held.hold(published(3, ['admin', 'agent1']))).toBe(true);
    expect(held.findUser('handler1')).toBeUndefined();
    expect(held.hold(published(2, ['admin']))).toBe(false);
    expect(held.findUser('agent1')?.id).toBe('user-agent1');
    expect(held.hold(published(4, ['admin']))).toBe(true);
    expect(held.findUser('agent1')).toBeUndefined();
    expect(held.revisionOf('demo')).toBe(4);
  });

  it('finds a user by tenant, or in the only tenant that has them', () => {
    const other = {
      ...DEMO_DIRECTORY,
      tenantId: 'acme',
      users: DEMO_DIRECTORY.users.map((u) => ({ ...u, tenantId: 'acme' })),
    };
    const two = new OrgDirectory([
      DEMO_DIRECTORY,
      { ...other, users: other.users.filter((u) => u.username === 'admin') },
    ]);
    expect(two.findUser('admin')).toBeUndefined();
    expect(two.findUser('admin', 'acme')?.tenantId).toBe('acme');
    expect(two.findUser('agent1')?.tenantId).toBe('demo');
    expect(two.user('demo', 'user-agent1')?.username).toBe('agent1');
    expect(two.user('acme', 'user-agent1')).toBeUndefined();
  });
});

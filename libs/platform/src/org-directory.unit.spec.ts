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

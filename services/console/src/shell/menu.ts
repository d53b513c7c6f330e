import type { User } from './session';

/** A page of the console and the roles whose menu shows it. */
export interface MenuEntry {
  readonly path: string;
  readonly label: string;
  readonly roles: readonly string[];
}

const MANAGERS = ['supervisor', 'branch_manager', 'director'];

/** Every page, in menu order; each role sees the pages of its work. */
export const MENU: readonly MenuEntry[] = [
  { path: '/intake', label: 'menu.intake', roles: ['agent'] },
  { path: '/queue/mine', label: 'menu.myQueue', roles: ['handler', ...MANAGERS] },
  { path: '/queue/team', label: 'menu.teamQueue', roles: [...MANAGERS, 'handler'] },
  { path: '/at-risk', label: 'menu.atRisk', roles: [...MANAGERS] },
  { path: '/approvals', label: 'menu.approvals', roles: ['handler', ...MANAGERS] },
  { path: '/incidents', label: 'menu.incidents', roles: [...MANAGERS, 'admin'] },
  { path: '/complaints', label: 'menu.complaints', roles: ['agent', 'handler', ...MANAGERS, 'admin'] },
  { path: '/dashboard', label: 'menu.dashboard', roles: ['analyst', 'regulator', 'admin', ...MANAGERS] },
  { path: '/audit', label: 'menu.audit', roles: ['regulator', 'admin'] },
  { path: '/audit-export', label: 'menu.auditExport', roles: ['regulator'] },
  { path: '/admin/directory', label: 'menu.directory', roles: ['admin'] },
  { path: '/admin/routing', label: 'menu.routing', roles: ['admin'] },
  { path: '/admin/sla', label: 'menu.sla', roles: ['admin'] },
  { path: '/admin/templates', label: 'menu.templates', roles: ['admin'] },
  { path: '/admin/classification', label: 'menu.classification', roles: ['admin'] },
  { path: '/admin/access-log', label: 'menu.accessLog', roles: ['admin', 'regulator'] },
];

/** The pages the user's roles may open, in menu order. */
export const menuOf = (user: User): MenuEntry[] =>
  MENU.filter((entry) => entry.roles.some((role) => user.roles.includes(role)));

/** Where a user lands after signing in: their role's first page. */
export const homeOf = (user: User): string => menuOf(user)[0]?.path ?? '/complaints';

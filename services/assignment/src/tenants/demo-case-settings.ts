import type { CaseSettings } from '@kesu/assignment-contracts';
import { DEFAULT_CASE_SETTINGS } from '@kesu/assignment-domain';

/**
 * The demo tenant's case settings, as the seeds give them: a handler approves up to ¥200 (no
 * compensation), a department head up to ¥2,000, a branch manager up to ¥20,000, above that the
 * general manager — the built-in settings, written as the tenant's own on first start.
 */
export const DEMO_CASE_SETTINGS: CaseSettings = DEFAULT_CASE_SETTINGS;

/** Why the demo tenant's first case settings change was made, as recorded with it. */
export const DEMO_CASE_SETTINGS_REASON =
  '演示租户的审批权限与根因目录 / the demo tenant’s authority limits and root causes';
